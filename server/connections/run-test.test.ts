import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries/audit";
import { getConnection } from "@/db/queries/connections";
import { createOrganization } from "@/db/queries/organizations";
import { checkConnectionTestRate } from "@/db/queries/rate-limits";
import { listTests } from "@/db/queries/tests";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import type { StepDto } from "@/lib/connections/types";
import { adviceFor } from "@/lib/verdicts/advice";
import type { Actor } from "@/server/auth/actor";
import { type RunTestOptions, runConnectionTest } from "./run-test";
import { loadWizardState, saveConnection } from "./service";

/** The test runner against PGlite/PostgreSQL and a real Kamailio on loopback. */

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;
const GOOD = { username: "1050", password: "rt-pass-1050" };
const LOOPBACK = { allowCidrs: ["127.0.0.0/8"] };

describe(`runConnectionTest (${testDriver()}, Kamailio)`, () => {
  let t: TestDb;
  let k: KamailioHandle;
  let actor: Actor;
  let n = 0;

  beforeAll(async () => {
    [t, k] = await Promise.all([openTestDb(), startKamailio({ accounts: [GOOD] })]);
    const org = await createOrganization(t.db, { name: "Runner" });
    actor = { userId: null, organizationId: org.id, role: "customer", label: "runner@example.com" };
  });
  afterAll(async () => {
    await Promise.all([t?.close(), k?.stop()]);
  });

  async function connection(over: { password?: string; domain?: string } = {}) {
    n += 1;
    return saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: `runner-key-${n}-0000`,
      values: {
        label: `Runner ${n}`,
        sipUsername: GOOD.username,
        sipPassword: over.password ?? GOOD.password,
        sipDomain: over.domain ?? `${k.domain}:${k.udpPort}`,
        transport: "udp",
      },
    });
  }

  const run = (connectionId: string, extra: Partial<RunTestOptions> = {}) =>
    runConnectionTest({
      db: t.db,
      actor,
      connectionId,
      clientIp: "198.51.100.7",
      locale: "en",
      policy: LOOPBACK,
      timeoutMs: 3000,
      ...extra,
    });

  it("registered: streams each step, records the test, verifies, audits, never stores the password", async () => {
    const c = await connection();
    const streamed: StepDto[] = [];
    let started: string | undefined;
    const r = await run(c.id, { onStep: (s) => streamed.push(s), onStarted: (s) => (started = s.testId) });
    expect(r.test.verdict).toBe("registered");
    expect(r.test.ok).toBe(true);
    expect(r.test.advice.verdict.title).toBe(adviceFor("registered", "en", r.test.facts).title);
    // The port check runs beside OPTIONS, so it may stream in a different place than the ladder's order.
    expect(streamed.map((s) => s.name).sort()).toEqual(r.test.steps.map((s) => s.name).sort());
    expect(streamed.some((s) => s.name === "register_auth" && s.status === "pass")).toBe(true);
    expect(started).toBe(r.test.testId);
    expect(r.connection.status).toBe("verified");
    expect(r.canActivate).toBe(true);

    const [row] = await listTests(t.db, c.id);
    expect(row?.verdict).toBe("registered");
    expect(row?.credentialRevision).toBe(c.credentialRevision);
    expect(JSON.stringify(row)).not.toContain(GOOD.password);
    expect(JSON.stringify(row?.trace)).toContain("REGISTER");
    // The engine's facts are kept, so a reloaded result reads as the live one did.
    expect(r.test.facts.realm).toBeTruthy();
    expect(row?.facts).toMatchObject({ realm: r.test.facts.realm, port: k.udpPort, transport: "udp" });
    const reloaded = (await loadWizardState(t.db, actor, c.id, "en")).latest;
    expect(reloaded?.facts).toEqual(r.test.facts);
    expect(reloaded?.advice).toEqual(r.test.advice);
    const audit = await listAudit(t.db, { connectionId: c.id });
    expect(audit.map((e) => e.action)).toContain("connection.tested");
  });

  it("Dutch advice for a Dutch viewer", async () => {
    const c = await connection();
    const r = await run(c.id, { locale: "nl" });
    expect(r.test.advice.verdict.title).toBe(adviceFor("registered", "nl", r.test.facts).title);
  });

  it("private address: refused before any packet, recorded as failed", async () => {
    const c = await connection({ domain: "192.168.1.1" });
    const r = await run(c.id);
    expect(r.test.verdict).toBe("private_address");
    expect(r.test.target).toBeNull();
    expect(r.test.steps.filter((s) => s.name !== "resolve").every((s) => s.status === "skip")).toBe(true);
    expect(r.connection.status).toBe("failed");
  });

  it("per-connection limit: the 11th test in an hour is rate_limited, with the wait, and runs nothing", async () => {
    const c = await connection();
    for (let i = 0; i < 10; i++)
      expect((await checkConnectionTestRate(t.db, { connectionId: c.id })).ok).toBe(true);
    const r = await run(c.id);
    expect(r.test.verdict).toBe("rate_limited");
    expect(r.test.testId).toBeNull();
    expect(r.test.facts.retryAfterSeconds).toBeGreaterThan(3000);
    expect(await listTests(t.db, c.id)).toHaveLength(0);
    expect((await getConnection(t.db, { id: c.id, orgId: actor.organizationId }))?.status).toBe("draft");
    const audit = await listAudit(t.db, { connectionId: c.id });
    expect(audit.map((e) => e.action)).toContain("connection.test_refused");
  });

  it("wrong password twice, then the target cools down: the third login is refused without sending", async () => {
    const bad1 = await connection({ password: "wrong-1" });
    const r1 = await run(bad1.id);
    expect(r1.test.verdict).toBe("wrong_credentials");
    expect(r1.connection.status).toBe("failed");
    const bad2 = await connection({ password: "wrong-2" });
    expect((await run(bad2.id)).test.verdict).toBe("wrong_credentials");

    const good = await connection();
    const r3 = await run(good.id);
    expect(r3.test.verdict).toBe("rate_limited");
    expect(r3.test.steps.some((s) => s.name === "register_auth" && s.status === "pass")).toBe(false);
    // A refusal tested nothing: the status is not turned into "failed".
    expect(r3.connection.status).toBe("draft");
    expect(r3.canActivate).toBe(false);
    // The wait survives a reload: the advice still says how long.
    const wait = r3.test.facts.retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    const [row3] = await listTests(t.db, good.id);
    expect(row3?.facts).toMatchObject({ retryAfterSeconds: wait });
    const reloaded = (await loadWizardState(t.db, actor, good.id, "en")).latest;
    expect(reloaded?.advice.verdict).toEqual(r3.test.advice.verdict);
  });

  it("another organization's connection is not found", async () => {
    const c = await connection();
    const stranger: Actor = { ...actor, organizationId: "00000000-0000-4000-8000-0000000000ff" };
    await expect(
      runConnectionTest({ db: t.db, actor: stranger, connectionId: c.id, clientIp: null, locale: "en" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
