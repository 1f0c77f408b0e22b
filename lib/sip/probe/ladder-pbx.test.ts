/**
 * PBX behaviours from docs/pbx-behaviour.md, shown by a real Kamailio: devices never evicted,
 * refusals after accepted credentials, the realm, the footprint a test leaves, qualify OPTIONS.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { adviceOf, check, detailText, stepStatus } from "../testing/check";
import type { SipCheckResult, TraceEntry } from "./types";

let plain: KamailioHandle;
let fpbx: KamailioHandle;
beforeAll(async () => {
  [plain, fpbx] = await Promise.all([
    startKamailio({
      accounts: [
        { username: "replace", password: "pw", contactMode: "replace" },
        { username: "full", password: "pw", maxContacts: 1 },
        { username: "full-hidden", password: "pw", maxContacts: 1, hideBindings: true },
        {
          username: "no-aor-bind",
          password: "pw",
          afterAuth: { code: 403, reason: "Forbidden", on: "binding" },
        },
        { username: "acl", password: "pw", challengeBinding: true },
        { username: "qualified", password: "pw", qualify: true },
      ],
    }),
    startKamailio({
      serverHeader: "FPBX-16.0.33(18.20.0)",
      unknownUsers: "challenge",
      tls: true,
      accounts: [
        { username: "201", password: "pw", realm: "asterisk" },
        {
          username: "no-aor",
          password: "pw",
          realm: "asterisk",
          afterAuth: { code: 403, reason: "Forbidden", on: "all" },
        },
      ],
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.stop(), fpbx?.stop()]);
});

const at = (k: KamailioHandle) => `127.0.0.1:${k.udpPort}`;
const sent = (r: SipCheckResult) => r.trace.filter((t) => t.direction === "sent");
const credentialed = (t: TraceEntry) => /^(Proxy-)?Authorization:/m.test(t.text);
const carriesContact = (t: TraceEntry) => /^Contact:/m.test(t.text);

/** The requests answered with a challenge or a failure (≥ 400), matched by CSeq and Call-ID. */
function footprint(r: SipCheckResult): { challenged: number; failed: number; requests: number } {
  let challenged = 0;
  let failed = 0;
  for (const t of r.trace) {
    if (t.direction !== "received") continue;
    const code = Number(/^SIP\/2\.0 (\d{3})/.exec(t.firstLine)?.[1] ?? 0);
    if (code === 401 || code === 407) challenged++;
    else if (code >= 400) failed++;
  }
  return { challenged, failed, requests: sent(r).filter((t) => !t.firstLine.startsWith("SIP/2.0")).length };
}

/** Credentialed requests sent after the first credentialed one that was refused. */
function credentialsAfterRejection(r: SipCheckResult): number {
  const ordered = r.trace.filter((t) => t.direction === "sent" || !t.firstLine.startsWith("SIP/2.0 1"));
  let rejected = false;
  let after = 0;
  let lastCredentialed = false;
  for (const t of ordered) {
    if (t.direction === "sent") {
      if (t.firstLine.startsWith("SIP/2.0")) continue;
      lastCredentialed = credentialed(t);
      if (lastCredentialed && rejected) after++;
    } else if (lastCredentialed && /^SIP\/2\.0 (401|403|407)/.test(t.firstLine)) rejected = true;
  }
  return after;
}

describe("never evict a device", () => {
  it("single-contact replace mode with a phone bound: --mode register binds nothing and does not pass", async () => {
    const phone = "sip:replace@192.0.2.55:5062";
    await plain.preRegister("replace", phone, 600);
    const r = await check({ username: "replace", password: "pw", domain: at(plain), mode: "register" });
    expect(r).toMatchObject({ ok: false, verdict: "account_in_use", facts: { bindings: 1 } });
    expect(stepStatus(r)).toMatchObject({
      register_auth: "warn",
      register_binding: "skip",
      unregister: "skip",
    });
    expect(detailText(r, "register_binding")).toMatch(/could log it out/);
    expect(sent(r).filter(carriesContact)).toHaveLength(0);
    expect(adviceOf(r).verdict.action).toMatch(/its own SIP account/);
    // The phone's binding is still there.
    const after = await check({ username: "replace", password: "pw", domain: at(plain) });
    expect(r.steps.find((s) => s.name === "register_auth")?.detail).toMatchObject({
      params: { bindings: [{ uri: phone }] },
    });
    expect(after.steps.find((s) => s.name === "register_auth")?.detail).toMatchObject({
      params: { bindings: [{ uri: phone }] },
    });
  });

  it("max_contacts reached, bindings listed: account_in_use without a binding REGISTER", async () => {
    await plain.preRegister("full", "sip:full@192.0.2.56:5060", 600);
    const r = await check({ username: "full", password: "pw", domain: at(plain), mode: "register" });
    expect(r.verdict).toBe("account_in_use");
    expect(sent(r).filter(carriesContact)).toHaveLength(0);
  });

  it("max_contacts reached on a PBX that lists no bindings: its too-many-contacts reply → account_in_use", async () => {
    await plain.preRegister("full-hidden", "sip:full-hidden@192.0.2.57:5060", 600);
    const r = await check({ username: "full-hidden", password: "pw", domain: at(plain), mode: "register" });
    expect(r).toMatchObject({ ok: false, verdict: "account_in_use" });
    expect(stepStatus(r)).toMatchObject({ register_auth: "pass", register_binding: "fail" });
    expect(sent(r).filter(carriesContact)).toHaveLength(1);
    expect(credentialsAfterRejection(r)).toBe(0);
    expect(adviceOf(r, "nl").verdict.action).toMatch(/eigen SIP-account/);
  });
});

describe("classify after success", () => {
  it("403 to the binding after the query's 200 → forbidden, not wrong_credentials", async () => {
    const r = await check({ username: "no-aor-bind", password: "pw", domain: at(plain), mode: "register" });
    expect(r).toMatchObject({
      verdict: "forbidden",
      sip: { statusCode: 403 },
      facts: { credentialsAccepted: true },
    });
    expect(credentialsAfterRejection(r)).toBe(0);
    expect(adviceOf(r).verdict.explanation).toMatch(/accepted the username and password, then refused/);
  });

  it("a contact ACL (401 to the REGISTER carrying our Contact) → forbidden, credentials never resent", async () => {
    const r = await check({ username: "acl", password: "pw", domain: at(plain), mode: "register" });
    expect(r).toMatchObject({ verdict: "forbidden", sip: { statusCode: 401 } });
    expect(sent(r).filter(credentialed)).toHaveLength(2);
    expect(credentialsAfterRejection(r)).toBe(0);
  });

  it("Asterisk family: 403 to the first credentialed REGISTER means the digest passed → forbidden", async () => {
    const r = await check({ username: "no-aor", password: "pw", domain: at(fpbx) });
    expect(r).toMatchObject({
      verdict: "forbidden",
      pbxFamily: "freepbx",
      facts: { credentialsAccepted: true },
    });
    expect(adviceOf(r).verdict.explanation).toMatch(/no AOR/);
  });
});

describe("the realm", () => {
  it('realm "asterisk" on a pass: no warning', async () => {
    const r = await check({ username: "201", password: "pw", domain: at(fpbx) });
    expect(r).toMatchObject({ verdict: "registered", warnings: [], facts: { realm: "asterisk" } });
  });

  it('realm "asterisk" with a wrong password: explained, never offered as the domain', async () => {
    const r = await check({ username: "201", password: "nope", domain: at(fpbx) });
    expect(r).toMatchObject({ verdict: "wrong_credentials", warnings: ["realm_mismatch"] });
    for (const locale of ["en", "nl"] as const) {
      const all = JSON.stringify(adviceOf(r, locale));
      expect(all).toMatch(/normal|normaal/);
      expect(all).not.toMatch(/use \\"asterisk\\" as|\\"asterisk\\" als SIP-domein/);
    }
    expect(adviceOf(r).verdict.explanation).toMatch(/permit\/deny/);
  });
});

describe("footprint per test (what a PBX's security log and fail2ban could count)", () => {
  it.each([
    ["known extension, right password", "201", "pw", { challenged: 1, failed: 0, requests: 2 }],
    ["known extension, wrong password", "201", "nope", { challenged: 2, failed: 0, requests: 2 }],
    [
      "unknown extension (challenged like a known one)",
      "299",
      "pw",
      { challenged: 2, failed: 0, requests: 2 },
    ],
  ] as const)("%s", async (_name, username, password, expected) => {
    const r = await check({ username, password, domain: at(fpbx) });
    expect(footprint(r)).toEqual(expected);
    expect(sent(r).some((t) => t.firstLine.startsWith("OPTIONS"))).toBe(false);
    // At most one credentialed request, and none after a rejection.
    expect(sent(r).filter(credentialed)).toHaveLength(1);
    expect(credentialsAfterRejection(r)).toBe(0);
  });
});

describe("auto and qualify", () => {
  it("auto on a TLS-only port reports the TLS server it reached, not the refused UDP port", async () => {
    const r = await check({
      username: "201",
      password: "pw",
      domain: `127.0.0.1:${fpbx.tlsPort}`,
      transport: "auto",
    });
    expect(r).toMatchObject({ verdict: "tls_failed", facts: { certProblem: "self_signed" } });
    expect(detailText(r, "register_challenge")).toMatch(/^TLS /);
  });

  it("answers the PBX's OPTIONS to our Contact with 200 while bound", async () => {
    const r = await check({ username: "qualified", password: "pw", domain: at(plain), mode: "register" });
    expect(r.verdict).toBe("registered");
    const options = r.trace.find((t) => t.direction === "received" && t.firstLine.startsWith("OPTIONS"));
    expect(options).toBeDefined();
    expect(r.trace.some((t) => t.direction === "sent" && t.firstLine === "SIP/2.0 200 OK")).toBe(true);
    await expect.poll(() => plain.logs()).toMatch(/FIXTURE qualify reply 200/);
  });
});
