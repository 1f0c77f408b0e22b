import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/db/queries/organizations";
import { RATE_LIMITS } from "@/db/queries/rate-limits";
import { listTests } from "@/db/queries/tests";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { adviceFor } from "@/lib/verdicts/advice";
import type { Actor } from "@/server/auth/actor";
import { runConnectionTest } from "./run-test";
import { saveConnection } from "./service";

/**
 * The PBX lockout rules (docs/pbx-safety.md) against a real Kamailio: rejected details are never
 * sent again, corrected ones go out at once, and concurrent tests never exceed the budget.
 */

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;
const GOOD = { username: "1060", password: "lockout-right-pw" };

describe(`PBX lockout (${testDriver()}, Kamailio)`, () => {
  let t: TestDb;
  let k: KamailioHandle;
  let actors: Actor[];
  let n = 0;

  beforeAll(async () => {
    [t, k] = await Promise.all([openTestDb(), startKamailio({ accounts: [GOOD] })]);
    actors = [];
    for (const name of ["Tenant A", "Tenant B"]) {
      const org = await createOrganization(t.db, { name });
      actors.push({ userId: null, organizationId: org.id, role: "customer", label: `${name}@example.com` });
    }
  });
  afterAll(async () => {
    await Promise.all([t?.close(), k?.stop()]);
  });

  const values = (password: string, port: number) => ({
    label: "Lockout",
    sipUsername: GOOD.username,
    sipPassword: password,
    sipDomain: `127.0.0.1:${port}`,
    transport: "udp",
  });
  async function connection(actor: Actor, password: string) {
    n += 1;
    return saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: `lockout-key-${n}-0000`,
      values: values(password, k.udpPort),
    });
  }
  const run = (actor: Actor, id: string) =>
    runConnectionTest({
      db: t.db,
      actor,
      connectionId: id,
      clientIp: null,
      locale: "en",
      policy: { allowCidrs: ["127.0.0.0/8"] },
      timeoutMs: 3000,
    });
  const credentialed = async (connectionId: string) =>
    (await listTests(t.db, connectionId))
      .flatMap((row) => (Array.isArray(row.trace) ? row.trace : []))
      .filter((e) => JSON.stringify(e).includes("Authorization: Digest")).length;

  it("a typo, then the corrected password, passes; the same typo again is refused without a packet", async () => {
    const [a, b] = actors as [Actor, Actor];
    const c = await connection(a, "lockout-typo-pw");
    const typo = await run(a, c.id);
    expect(typo.test.verdict).toBe("wrong_credentials");

    // The same rejected details again, by the same customer or another: no test, no packet.
    const again = await run(a, c.id);
    expect(again.test).toMatchObject({ verdict: "rate_limited", testId: null, steps: [], target: null });
    expect(again.test.facts.refusal).toBe("rejected_before");
    expect(again.test.advice.verdict.explanation).toMatch(/never send rejected details again/);
    expect(again.test.advice.verdict.action).toMatch(/changed details can be tested right away/);
    const other = await connection(b, "lockout-typo-pw");
    expect((await run(b, other.id)).test).toMatchObject({ verdict: "rate_limited", testId: null });
    expect(await credentialed(c.id)).toBe(1);
    expect(await credentialed(other.id)).toBe(0);

    const fixed = await saveConnection(t.db, a, {
      id: c.id,
      expectedVersion: typo.connection.version,
      intent: "test",
      values: values(GOOD.password, k.udpPort),
    });
    const ok = await run(a, fixed.id);
    expect(ok.test.verdict).toBe("registered");

    // The success cleared the target's failures: another tenant's own typo may still be tried.
    const second = await connection(b, "lockout-typo-b");
    expect((await run(b, second.id)).test.verdict).toBe("wrong_credentials");
  });

  it("concurrent tests with different wrong passwords on one target never exceed the budget", async () => {
    const [a, b] = actors as [Actor, Actor];
    // The first test left one failure on this target (the second tenant's typo): it counts too.
    const owned = await Promise.all(
      Array.from({ length: 8 }, (_, i) => connection(i % 2 ? a : b, `lockout-burst-${i}`)),
    );
    const results = await Promise.all(owned.map((c, i) => run(i % 2 ? a : b, c.id)));
    const verdicts = results.map((r) => r.test.verdict);
    const { limit } = RATE_LIMITS.targetAuth;
    expect(verdicts.filter((v) => v === "wrong_credentials")).toHaveLength(limit - 1);
    expect(verdicts.filter((v) => v === "rate_limited")).toHaveLength(8 - (limit - 1));
    let sent = 0;
    for (const c of owned) sent += await credentialed(c.id);
    expect(sent).toBe(limit - 1);
    for (const r of results.filter((x) => x.test.verdict === "rate_limited")) {
      expect(r.test.facts.refusal).toBe("target_budget");
      expect(r.test.facts.retryAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(r.test.advice.verdict.explanation).toBe(
        adviceFor("rate_limited", "en", r.test.facts).explanation,
      );
      expect(r.test.advice.verdict.explanation).toMatch(
        /protect your PBX from banning us.*next test is possible in \d+ seconds \(at \d\d:\d\d UTC\)/,
      );
    }
  });
});
