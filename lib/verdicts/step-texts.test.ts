import { describe, expect, it } from "vitest";
import type { StepDetail, WireReason } from "./step-details";
import { stepDetailText, storedStepDetailText } from "./step-texts";
import { STEP_EN } from "./step-texts-en";

const wire: WireReason[] = [
  { kind: "refused", transport: "udp", port: 5060 },
  { kind: "refused", transport: "tcp", port: 5060 },
  { kind: "connect_timeout", port: 5061 },
  { kind: "handshake_timeout" },
  { kind: "handshake_failed", note: "ERR_SSL_WRONG_VERSION_NUMBER" },
  { kind: "certificate", problem: "self_signed", note: "DEPTH_ZERO_SELF_SIGNED_CERT" },
  { kind: "cancelled" },
  { kind: "closed" },
  { kind: "socket_error", note: "EHOSTUNREACH" },
  { kind: "policy", blocked: "private_address", note: "10.0.0.1 is private" },
  { kind: "no_answer", method: "REGISTER", budgetMs: 8000, sends: 7 },
  { kind: "incomplete", bytes: 12 },
  { kind: "unreadable", note: "bad start line" },
  { kind: "header_break", header: "From" },
];
const status = { status: 401, reason: "Unauthorized" };
const samples: StepDetail[] = [
  { code: "host_invalid", params: { field: "outbound_proxy", note: "not a host" } },
  { code: "resolve_failed", params: { host: "x.example", failure: "dns_failed", note: "NXDOMAIN" } },
  {
    code: "resolved",
    params: {
      host: "pbx.example",
      targets: [{ address: "192.0.2.1", port: 5060, transport: "udp", source: "srv" }],
      more: 2,
      ignored: 1,
    },
  },
  {
    code: "ports",
    params: {
      address: "192.0.2.1",
      ports: [
        { port: 5060, transport: "tcp", state: "open" },
        { port: 5061, transport: "tcp", state: "not_checked" },
      ],
    },
  },
  {
    code: "sip_answered",
    params: {
      status: 200,
      reason: "OK",
      transport: "tcp",
      fallbacks: [{ transport: "udp", address: "192.0.2.1", port: 5060, reason: wire[0] as WireReason }],
    },
  },
  ...wire.map((reason): StepDetail => ({ code: "no_sip_answer", params: { reason, fallbacks: [] } })),
  ...wire.map((reason): StepDetail => ({ code: "wire_failed", params: { reason } })),
  { code: "attempts_failed", params: { attempts: [] } },
  { code: "challenged", params: { ...status, realm: "asterisk", algorithm: "MD5", qop: ["auth"] } },
  { code: "auth_unsupported", params: { ...status, offered: ["Basic"] } },
  { code: "open_registration", params: { status: 200, reason: "OK" } },
  { code: "sip_response", params: { status: 404, reason: "Not Found" } },
  { code: "redirect_failed", params: { status: 302, reason: "Moved", to: "10.0.0.1", note: "private" } },
  { code: "not_sent_rate_limited", params: { retryAfterSeconds: 60 } },
  { code: "algorithm_unsupported", params: { algorithm: "AKAv1-MD5" } },
  { code: "credentials_rejected", params: { ...status, again: true } },
  {
    code: "credentials_accepted",
    params: { status: 200, reason: "OK", bindings: [{ uri: "sip:1001@192.0.2.9", expires: 3600 }] },
  },
  { code: "bound", params: { status: 200, reason: "OK", expires: 60 } },
  { code: "unbound", params: { status: 200, reason: "OK" } },
  { code: "registration_refused", params: { status: 403, reason: "Forbidden" } },
  {
    code: "binding_evicted",
    params: { status: 200, reason: "OK", vanished: [{ uri: "sip:1001@192.0.2.55:5060", expires: 240 }] },
  },
  { code: "skipped", params: { why: "register_answered" } },
  { code: "skipped", params: { why: "devices_registered", bindings: 1 } },
];

describe("step details", () => {
  it("has a sample for every code", () => {
    expect(new Set(samples.map((s) => s.code))).toEqual(new Set(Object.keys(STEP_EN)));
  });

  it.each(["en", "nl"] as const)("renders every code and wire reason in %s", (locale) => {
    for (const s of samples) {
      const text = stepDetailText(s, locale);
      expect(text.length, s.code).toBeGreaterThan(3);
      expect(text, s.code).not.toMatch(/undefined|\[object|\$\{|NaN/);
    }
  });

  it("speaks Dutch in nl (informal, no English sentences)", () => {
    const nl = samples.map((s) => stepDetailText(s, "nl")).join("\n");
    expect(nl).not.toMatch(/\b(the|refused the|no answer|credentials accepted)\b/);
    expect(nl).not.toMatch(/\b(u|uw)\b/);
    expect(
      stepDetailText({ code: "not_sent_rate_limited", params: { retryAfterSeconds: 60 } }, "nl"),
    ).toContain("probeer het over 60 s opnieuw");
  });

  it("reads stored rows: data, an older row's sentence, and damaged values", () => {
    const accepted = samples.find((s) => s.code === "bound");
    expect(storedStepDetailText(accepted, "en")).toBe("200 OK: registered for 60 s");
    expect(storedStepDetailText("401 Unauthorized", "nl")).toBe("401 Unauthorized");
    expect(storedStepDetailText({ code: "ports", params: {} }, "en")).toBe("");
    expect(storedStepDetailText({ code: "nope", params: {} }, "en")).toBe("");
    expect(storedStepDetailText(42, "en")).toBe("");
  });
});
