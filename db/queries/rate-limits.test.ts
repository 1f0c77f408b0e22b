import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb, testDriver } from "../testing";
import {
  checkClientIpRate,
  checkConnectionTestRate,
  checkOrgNewHost,
  pruneRateData,
  RATE_LIMITS,
  reserveCredentialAttempt,
  settleCredentialAttempt,
} from "./rate-limits";

const T0 = new Date("2030-01-01T12:00:00Z");
const at = (seconds: number) => new Date(+T0 + seconds * 1000);
const MIN = 60;

describe(`rate limits (${testDriver()})`, () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("1,000 concurrent reservations against one target grant exactly 2; failures hold the 11-minute window", async () => {
    const target = "203.0.113.7";
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => reserveCredentialAttempt(t.db, { target, now: T0 })),
    );
    const granted = results.flatMap((r) => (r.ok ? [r.reservationId] : []));
    expect(granted).toHaveLength(2);
    for (const r of results) {
      if (!r.ok) expect(r).toEqual({ ok: false, code: "rate_limited", retryAfterSeconds: 11 * MIN });
    }
    // Another target is unaffected.
    expect((await reserveCredentialAttempt(t.db, { target: "198.51.100.1", now: T0 })).ok).toBe(true);

    for (const id of granted) {
      await settleCredentialAttempt(t.db, { reservationId: id, outcome: "failure", now: at(5) });
    }
    // Refused while the failures are in the window, with the exact wait; no extra cooldown.
    for (const s of [MIN, 10 * MIN]) {
      const r = await reserveCredentialAttempt(t.db, { target, now: at(s) });
      expect(r).toEqual({ ok: false, code: "rate_limited", retryAfterSeconds: 11 * MIN - s });
    }
    const after = await reserveCredentialAttempt(t.db, { target, now: at(11 * MIN) });
    expect(after.ok).toBe(true);
  });

  it("a success clears the target's failures, but never past 4 failures in the window", async () => {
    const target = "203.0.113.9";
    const fail = async (s: number) => {
      const r = await reserveCredentialAttempt(t.db, { target, now: at(s) });
      if (!r.ok) throw new Error(`refused at ${s}`);
      await settleCredentialAttempt(t.db, { reservationId: r.reservationId, outcome: "failure", now: at(s) });
    };
    const succeed = async (s: number) => {
      const r = await reserveCredentialAttempt(t.db, { target, now: at(s) });
      if (!r.ok) throw new Error(`refused at ${s}`);
      await settleCredentialAttempt(t.db, { reservationId: r.reservationId, outcome: "success", now: at(s) });
    };
    await fail(1);
    await fail(2);
    expect((await reserveCredentialAttempt(t.db, { target, now: at(3) })).ok).toBe(false);
    // Past the window, typos each followed by someone's right password: each success clears.
    const t1 = 11 * MIN + 2;
    for (let i = 0; i < 3; i++) {
      await fail(t1 + 2 * i);
      await succeed(t1 + 2 * i + 1);
    }
    await fail(t1 + 6);
    // Four failures in the window, three of them cleared: successes do not reset a PBX's fail2ban.
    expect(await reserveCredentialAttempt(t.db, { target, now: at(t1 + 7) })).toEqual({
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: 11 * MIN - 7,
    });
  });

  it("pending reservations count until settled; success and not_sent free the slot", async () => {
    const target = "203.0.113.8";
    const a = await reserveCredentialAttempt(t.db, { target, now: T0 });
    const b = await reserveCredentialAttempt(t.db, { target, now: at(1) });
    expect((await reserveCredentialAttempt(t.db, { target, now: at(2) })).ok).toBe(false);
    if (!a.ok || !b.ok) throw new Error("expected two reservations");
    await settleCredentialAttempt(t.db, { reservationId: a.reservationId, outcome: "success", now: at(3) });
    const c = await reserveCredentialAttempt(t.db, { target, now: at(4) });
    if (!c.ok) throw new Error("slot should be free after success");
    await settleCredentialAttempt(t.db, { reservationId: c.reservationId, outcome: "not_sent", now: at(5) });
    // Settling twice changes nothing (b stays pending).
    await settleCredentialAttempt(t.db, { reservationId: c.reservationId, outcome: "failure", now: at(6) });
    const d = await reserveCredentialAttempt(t.db, { target, now: at(7) });
    expect(d.ok).toBe(true);
    // b (pending since T0+1) and d fill the window until b leaves it.
    expect(await reserveCredentialAttempt(t.db, { target, now: at(8) })).toEqual({
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: 11 * MIN + 1 - 8,
    });
  });

  it("allows 10 tests per connection per hour, sliding", async () => {
    const connectionId = randomUUID();
    for (let i = 0; i < 10; i++) {
      expect(await checkConnectionTestRate(t.db, { connectionId, now: at(i * MIN) })).toEqual({ ok: true });
    }
    expect(await checkConnectionTestRate(t.db, { connectionId, now: at(10 * MIN) })).toEqual({
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: 50 * MIN,
    });
    expect((await checkConnectionTestRate(t.db, { connectionId: randomUUID(), now: at(10 * MIN) })).ok).toBe(
      true,
    );
    // The first test leaves the window after an hour.
    expect((await checkConnectionTestRate(t.db, { connectionId, now: at(60 * MIN + 1) })).ok).toBe(true);
    expect((await checkConnectionTestRate(t.db, { connectionId, now: at(60 * MIN + 2) })).ok).toBe(false);
  });

  it("holds the per-connection limit under concurrency", async () => {
    const connectionId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => checkConnectionTestRate(t.db, { connectionId, now: T0 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(RATE_LIMITS.connectionTests.limit);
  });

  it("limits requests per client IP", async () => {
    const ip = "192.0.2.55";
    const { limit } = RATE_LIMITS.clientIp;
    for (let i = 0; i < limit; i++) expect((await checkClientIpRate(t.db, { ip, now: at(i) })).ok).toBe(true);
    expect((await checkClientIpRate(t.db, { ip, now: at(limit) })).ok).toBe(false);
    expect((await checkClientIpRate(t.db, { ip: "192.0.2.56", now: at(limit) })).ok).toBe(true);
  });

  it("allows 5 new target hosts per organization per day; known hosts always pass", async () => {
    const orgId = randomUUID();
    const hosts = ["a.example.com", "b.example.com", "c.example.com", "d.example.com", "203.0.113.9"];
    for (const [i, host] of hosts.entries()) {
      expect(await checkOrgNewHost(t.db, { orgId, host, now: at(i * MIN) })).toEqual({ ok: true });
    }
    expect(await checkOrgNewHost(t.db, { orgId, host: "f.example.com", now: at(10 * MIN) })).toEqual({
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: 24 * 60 * MIN - 10 * MIN,
    });
    expect((await checkOrgNewHost(t.db, { orgId, host: "A.EXAMPLE.COM", now: at(11 * MIN) })).ok).toBe(true);
    expect(
      (await checkOrgNewHost(t.db, { orgId: randomUUID(), host: "f.example.com", now: at(12 * MIN) })).ok,
    ).toBe(true);
    expect(
      (await checkOrgNewHost(t.db, { orgId, host: "f.example.com", now: at(24 * 60 * MIN + 1) })).ok,
    ).toBe(true);
  });

  it("prunes rows no limit looks at any more", async () => {
    await pruneRateData(t.db, at(3 * 24 * 60 * MIN));
    const r = await reserveCredentialAttempt(t.db, { target: "203.0.113.7", now: at(3 * 24 * 60 * MIN) });
    expect(r.ok).toBe(true);
  });
});
