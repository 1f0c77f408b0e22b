/**
 * The tester must never become a brute-force tool, nor get our address banned by a PBX's
 * fail2ban (docs/pbx-safety.md). However many tests with a wrong password run against one target,
 * at most 2 REGISTERs carrying credentials reach it in any 11 minutes; the window is the only wait.
 * Counted where it matters: Authorization headers received by a scripted registrar on loopback.
 * The clock is injected (the limiter's `now`, or a faked Date for the runner).
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { RATE_LIMITS, reserveCredentialAttempt, settleCredentialAttempt } from "@/db/queries/rate-limits";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import type { AuthGate, SipCheckResult } from "@/lib/sip";
import { adviceOf, check, detailText } from "@/lib/sip/testing/check";
import { type Peer, responseTo, udpPeer } from "@/lib/sip/testing/peer";
import type { Actor } from "@/server/auth/actor";
import { customerOf } from "@/test/fixtures";
import { runConnectionTest } from "./run-test";
import { activate, saveConnection } from "./service";

const LOOPBACK = { allowCidrs: ["127.0.0.0/8"] };
const MIN = 60_000;
const { limit, windowSeconds } = RATE_LIMITS.targetAuth;
const WINDOW_MIN = windowSeconds / 60;

/**
 * A registrar that knows no password: it challenges every REGISTER (RFC 3261 22.2), and notes the
 * simulated time of each one that carries credentials.
 */
async function wrongPasswordRegistrar(clock: () => number): Promise<Peer & { credentialed: number[] }> {
  const credentialed: number[] = [];
  const peer = await udpPeer((req) => {
    if (!req.startsWith("REGISTER")) return responseTo(req, "200 OK");
    const withCredentials = /^(?:Proxy-)?Authorization:/im.test(req);
    if (withCredentials) credentialed.push(clock());
    // Users named ok-* are let in (without checking): the control for a verified connection.
    if (withCredentials && /^From:\s*<sip:ok-/im.test(req)) return responseTo(req, "200 OK");
    const nonce = randomBytes(12).toString("hex");
    return responseTo(req, "401 Unauthorized", [
      `WWW-Authenticate: Digest realm="127.0.0.1", nonce="${nonce}", algorithm=MD5, qop="auth"`,
    ]);
  });
  return Object.assign(peer, { credentialed });
}

/** The most credentialed REGISTERs in any window of `windowSeconds`. */
function busiestWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] as number;
    most = Math.max(most, sorted.filter((t) => t >= start && t < start + windowSeconds * 1000).length);
  }
  return most;
}

/** The same gate the runner builds, with the clock injected. */
function dbGate(db: Db, clock: () => number): AuthGate {
  return async (t) => {
    const r = await reserveCredentialAttempt(db, { target: t.address, now: new Date(clock()) });
    if (!r.ok) return { ok: false, retryAfterSeconds: r.retryAfterSeconds };
    return {
      ok: true,
      settle: (outcome) =>
        settleCredentialAttempt(db, { reservationId: r.reservationId, outcome, now: new Date(clock()) }),
    };
  };
}

const sentCredentials = (r: SipCheckResult) =>
  r.trace.filter((e) => e.direction === "sent" && /^Authorization:/m.test(e.text)).length;

describe(`1,000 wrong-password checks against one target (runSipCheck + limiter on ${testDriver()})`, () => {
  let t: TestDb;
  let registrar: Awaited<ReturnType<typeof wrongPasswordRegistrar>>;
  let now = Date.parse("2030-01-01T00:00:00Z");
  const clock = () => now;

  beforeAll(async () => {
    [t, registrar] = await Promise.all([openTestDb(), wrongPasswordRegistrar(clock)]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), registrar?.close()]);
  });

  const run = (username: string) =>
    check(
      { username, password: `wrong-${username}`, domain: `127.0.0.1:${registrar.port}` },
      { authGate: dbGate(t.db, clock), timeoutMs: 2000 },
    );

  it("at most 2 credentialed REGISTERs reach the PBX in any 11 minutes, two more as the window moves", async () => {
    const start = now;
    const results: SipCheckResult[] = [];
    // 100 bursts of 10 concurrent checks, one burst a minute: 1,000 checks over 100 minutes.
    for (let burst = 0; burst < 100; burst++) {
      now = start + burst * MIN;
      const batch = await Promise.all(Array.from({ length: 10 }, (_, i) => run(`u${burst * 10 + i}`)));
      results.push(...batch);
    }
    expect(results).toHaveLength(1000);

    const received = registrar.credentialed;
    expect(busiestWindow(received)).toBeLessThanOrEqual(limit);
    // Two at the start, and two more each time the failures leave the window (0, 11, 22 … 99 min).
    const expected = Array.from({ length: Math.floor(99 / WINDOW_MIN) + 1 }, (_, k) => [
      k * WINDOW_MIN,
      k * WINDOW_MIN,
    ])
      .flat()
      .map((m) => start + m * MIN);
    expect(received).toEqual(expected);

    // What the PBX saw is what the engine says it sent, and the verdicts say the same.
    expect(results.reduce((n, r) => n + sentCredentials(r), 0)).toBe(received.length);
    const verdicts = results.map((r) => r.verdict);
    expect(verdicts.filter((v) => v === "wrong_credentials")).toHaveLength(received.length);
    expect(verdicts.filter((v) => v === "rate_limited")).toHaveLength(1000 - received.length);
    for (const r of results.filter((x) => x.verdict === "rate_limited")) {
      expect(sentCredentials(r)).toBe(0);
      expect(r.facts.retryAfterSeconds).toBeGreaterThan(0);
      expect(r.facts.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
      expect(detailText(r, "register_auth")).toMatch(/not sent/);
      expect(adviceOf(r).verdict.explanation).toMatch(/next test is possible in \d+ seconds/);
    }
  });

  it("until the last failure leaves the window a login is refused without sending; then one is allowed", async () => {
    const lastFailure = Math.max(...registrar.credentialed);
    const before = registrar.credentialed.length;

    now = lastFailure + windowSeconds * 1000 - 1000;
    const waiting = await run("still-cooling");
    expect(waiting).toMatchObject({ verdict: "rate_limited", facts: { retryAfterSeconds: 1 } });
    expect(registrar.credentialed).toHaveLength(before);

    now = lastFailure + windowSeconds * 1000 + 1000;
    const allowed = await run("after-window");
    expect(allowed.verdict).toBe("wrong_credentials");
    expect(registrar.credentialed).toHaveLength(before + 1);
    expect(busiestWindow(registrar.credentialed)).toBeLessThanOrEqual(limit);
  });
});

describe(`through the real runner (runConnectionTest on ${testDriver()}), across customers`, () => {
  let t: TestDb;
  let registrar: Awaited<ReturnType<typeof wrongPasswordRegistrar>>;
  let actors: Actor[];
  let n = 0;

  beforeAll(async () => {
    [t, registrar] = await Promise.all([openTestDb(), wrongPasswordRegistrar(() => Date.now())]);
    actors = [];
    for (const name of ["Customer A", "Customer B"]) {
      actors.push(await customerOf(t.db, name));
    }
  });
  afterAll(async () => {
    await Promise.all([t?.close(), registrar?.close()]);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function connection(actor: Actor, password: string, userPrefix = "") {
    n += 1;
    return saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: `safety-key-${n}-0000`,
      values: {
        label: `Safety ${n}`,
        sipUsername: `${userPrefix}10${n}`,
        sipPassword: password,
        sipDomain: `127.0.0.1:${registrar.port}`,
        transport: "udp",
      },
    });
  }

  const run = (actor: Actor, connectionId: string) =>
    runConnectionTest({
      db: t.db,
      actor,
      connectionId,
      clientIp: actor === actors[0] ? "198.51.100.10" : "198.51.100.20",
      locale: "en",
      policy: LOOPBACK,
      timeoutMs: 2000,
    });

  it("40 tests by two customers, 30 s apart: 2 logins per window reach the PBX, none repeated", async () => {
    const start = Date.parse("2030-02-01T00:00:00Z");
    // Only Date is faked: sockets, timers and the database run for real.
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const [a, b] = actors as [Actor, Actor];
    const owned: Array<[Actor, string]> = [];
    for (const actor of [a, a, b, b]) owned.push([actor, (await connection(actor, "wrong-pass")).id]);

    const verdicts: string[] = [];
    for (let i = 0; i < 40; i++) {
      vi.setSystemTime(start + i * 30_000);
      const [actor, id] = owned[i % owned.length] as [Actor, string];
      const r = await run(actor, id);
      verdicts.push(r.test.verdict);
      if (r.test.verdict === "rate_limited") {
        // A rejected password is refused before any packet; a new one waits for the budget.
        if (r.test.facts.refusal === "rejected_before") expect(r.test.testId).toBeNull();
        else {
          expect(r.test.facts.refusal).toBe("target_budget");
          expect(r.test.testId, "refused by the target limiter, not a per-connection one").not.toBeNull();
          expect(r.test.facts.retryAfterSeconds).toBeGreaterThan(0);
          expect(r.test.facts.retryAt).toMatch(/^2030-02-01T00:/);
        }
      }
    }
    const w = windowSeconds * 1000;
    const wrongAt = verdicts.flatMap((v, i) => (v === "wrong_credentials" ? [i] : []));
    expect(wrongAt).toEqual([0, 1, w / 30_000, w / 30_000 + 1]);
    expect(registrar.credentialed).toEqual([start, start + 30_000, start + w, start + w + 30_000]);
    expect(busiestWindow(registrar.credentialed)).toBeLessThanOrEqual(limit);

    // Once the window has passed the last failures, a new connection's login goes out.
    const end = start + w + 30_000 + w + 1000;
    vi.setSystemTime(end);
    const fresh = await connection(b, "wrong-again");
    const r = await run(b, fresh.id);
    expect(r.test.verdict).toBe("wrong_credentials");
    expect(registrar.credentialed).toEqual([start, start + 30_000, start + w, start + w + 30_000, end]);
    expect(busiestWindow(registrar.credentialed)).toBeLessThanOrEqual(limit);
  });

  it("a verified connection refused by the cooldown stays verified and activatable (nothing was tested)", async () => {
    const start = Date.parse("2030-03-01T00:00:00Z");
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const [a] = actors as [Actor];
    const good = await connection(a, "right-pass", "ok-");
    expect((await run(a, good.id)).connection.status).toBe("verified");
    for (let i = 0; i < 2; i++) {
      const bad = await connection(a, "wrong-pass");
      expect((await run(a, bad.id)).connection.status).toBe("failed");
    }
    vi.setSystemTime(start + 60_000);
    const refused = await run(a, good.id);
    expect(refused.test.verdict).toBe("rate_limited");
    expect(refused.connection.status).toBe("verified");
    expect(refused.canActivate).toBe(true);
    expect((await activate(t.db, a, good.id)).status).toBe("active");
  });
});
