import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { adviceOf, check, stepStatus } from "../testing/check";
import type { AuthGate } from "./types";

let k: KamailioHandle;
beforeAll(async () => {
  k = await startKamailio({
    accounts: [
      { username: "1001", password: "s3cret" },
      { username: "1002", password: "s3cret", onWrongPassword: "403" },
      { username: "1003", password: "s3cret", challenge: "407" },
      { username: "1004", password: "s3cret", staleOnce: true },
      { username: "1005", password: "s3cret", realm: "pbx.customer-fixture.nl" },
      { username: "1006", password: "s3cret" },
      { username: "1007", password: "s3cret", minExpires: 300 },
      { username: "1008", password: "s3cret", authUsername: "auth-8731" },
      {
        username: "busy",
        password: "x",
        reply: { code: 503, reason: "Service Unavailable", headers: ["Retry-After: 120"] },
      },
      { username: "lan-only", password: "x", reply: { code: 403, reason: "Forbidden" } },
      { username: "trunk", password: "x", reply: { code: 405, reason: "Method Not Allowed" } },
    ],
  });
});
afterAll(() => k?.stop());

const domain = () => `127.0.0.1:${k.udpPort}`;

describe("credentials against real Kamailio", () => {
  it("wrong password answered by a repeated 401 → wrong_credentials, no second guess", async () => {
    const r = await check({ username: "1001", password: "wrong", domain: domain() });
    expect(r).toMatchObject({ ok: false, verdict: "wrong_credentials", sip: { statusCode: 401 } });
    expect(stepStatus(r)).toMatchObject({ register_challenge: "pass", register_auth: "fail" });
    const credentialed = r.trace.filter((t) => t.direction === "sent" && /^Authorization:/m.test(t.text));
    expect(credentialed).toHaveLength(1);
    expect(adviceOf(r).verdict.who).toBe("customer");
  });

  it("wrong password answered by 403 → wrong_credentials", async () => {
    const r = await check({ username: "1002", password: "wrong", domain: domain(), transport: "tcp" });
    expect(r).toMatchObject({ verdict: "wrong_credentials", sip: { statusCode: 403 } });
  });

  it("unknown user answered by 404 → unknown_user", async () => {
    const r = await check({ username: "9999", password: "x", domain: domain() });
    expect(r).toMatchObject({ verdict: "unknown_user", sip: { statusCode: 404, reason: "Not Found" } });
    expect(stepStatus(r)).toMatchObject({ register_challenge: "fail", register_auth: "skip" });
  });

  it("answers a 407 proxy challenge with Proxy-Authorization", async () => {
    const r = await check({ username: "1003", password: "s3cret", domain: domain() });
    expect(r).toMatchObject({ ok: true, verdict: "registered" });
    expect(r.trace.some((t) => t.direction === "sent" && /^Proxy-Authorization: Digest /m.test(t.text))).toBe(
      true,
    );
    const wrong = await check({ username: "1003", password: "nope", domain: domain() });
    expect(wrong).toMatchObject({ verdict: "wrong_credentials", sip: { statusCode: 407 } });
  });

  it("retries exactly once on stale=true", async () => {
    const r = await check({ username: "1004", password: "s3cret", domain: domain() });
    expect(r.verdict).toBe("registered");
    const sent = r.trace.filter((t) => t.direction === "sent" && /^Authorization:/m.test(t.text));
    expect(sent).toHaveLength(2);
  });

  it("a realm other than the domain is no warning on a pass, only with a failed login", async () => {
    const r = await check({ username: "1005", password: "s3cret", domain: domain() });
    expect(r).toMatchObject({
      verdict: "registered",
      warnings: [],
      facts: { realm: "pbx.customer-fixture.nl" },
    });
    const wrong = await check({ username: "1005", password: "nope", domain: domain() });
    expect(wrong).toMatchObject({ verdict: "wrong_credentials", warnings: ["realm_mismatch"] });
  });

  it("reports an account already used by a phone (existing_binding)", async () => {
    await k.preRegister("1006", "sip:1006@192.0.2.55:5060");
    const r = await check({ username: "1006", password: "s3cret", domain: domain() });
    expect(r).toMatchObject({
      ok: true,
      verdict: "registered",
      warnings: ["existing_binding"],
      facts: { bindings: 1 },
    });
    expect(stepStatus(r).register_auth).toBe("warn");
  });

  it("retries a 423 once with Min-Expires in register mode", async () => {
    const r = await check({ username: "1007", password: "s3cret", domain: domain(), mode: "register" });
    expect(r).toMatchObject({ ok: true, verdict: "registered", facts: { minExpires: 300 } });
    expect(r.warnings).toContain("interval_too_brief");
    expect(stepStatus(r)).toMatchObject({ register_binding: "pass", unregister: "pass" });
    expect(r.trace.some((t) => t.firstLine.startsWith("SIP/2.0 423"))).toBe(true);
  });

  it("uses a separate authentication ID", async () => {
    const good = await check({
      username: "1008",
      authUsername: "auth-8731",
      password: "s3cret",
      domain: domain(),
    });
    expect(good.verdict).toBe("registered");
    const bad = await check({ username: "1008", password: "s3cret", domain: domain() });
    expect(bad.verdict).toBe("wrong_credentials");
  });

  it.each([
    ["busy", "server_error", 503, { retryAfterSeconds: 120 }],
    ["lan-only", "forbidden", 403, {}],
    ["trunk", "not_registrar", 405, {}],
  ] as const)("maps a %s account's reply to %s", async (username, verdict, statusCode, facts) => {
    const r = await check({ username, password: "x", domain: domain() });
    expect(r).toMatchObject({ ok: false, verdict, sip: { statusCode }, facts });
  });

  it("503's advice carries the retry time", async () => {
    const r = await check({ username: "busy", password: "x", domain: domain() });
    expect(adviceOf(r).verdict.explanation).toContain("120 seconds");
  });
});

describe("the auth gate", () => {
  it("refuses before sending credentials → rate_limited", async () => {
    const gate: AuthGate = async () => ({ ok: false, retryAfterSeconds: 240 });
    const r = await check({ username: "1001", password: "s3cret", domain: domain() }, { authGate: gate });
    expect(r).toMatchObject({ verdict: "rate_limited", facts: { retryAfterSeconds: 240 } });
    expect(r.trace.some((t) => /^Authorization:/m.test(t.text))).toBe(false);
  });

  it("is settled with the outcome of each credentialed REGISTER", async () => {
    const outcomes: string[] = [];
    const gate: AuthGate = async (t) => {
      expect(t).toMatchObject({ address: "127.0.0.1", port: k.udpPort, transport: "udp" });
      return { ok: true, settle: async (o) => void outcomes.push(o) };
    };
    await check({ username: "1001", password: "wrong", domain: domain() }, { authGate: gate });
    await check({ username: "1001", password: "s3cret", domain: domain() }, { authGate: gate });
    expect(outcomes).toEqual(["failure", "success"]);
  });
});

describe("the trace", () => {
  it("never contains the password or the digest response", async () => {
    const password = "VerySecret-Password-123";
    const r = await check({ username: "1001", password, domain: domain(), mode: "register" });
    const all = JSON.stringify(r);
    expect(all).not.toContain(password);
    expect(all).toContain('response=\\"[redacted]\\"');
    expect(all).not.toMatch(/response=\\"[0-9a-f]{32}/);
  });
});
