import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reserveCredentialAttempt } from "@/db/queries/rate-limits";
import { credentialAttempts } from "@/db/schema";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { startRatePruning } from "./maintenance";

describe(`rate-data pruning timer (${testDriver()})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("prunes on its timer, once per process, until stopped", async () => {
    const old = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    await reserveCredentialAttempt(t.db, { target: "203.0.113.9", now: old });
    expect(await t.db.select().from(credentialAttempts)).toHaveLength(1);

    let runs = 0;
    let firstRun: (error: unknown) => void = () => {};
    const ran = new Promise<unknown>((resolve) => {
      firstRun = resolve;
    });
    const stop = startRatePruning({
      intervalMs: 10,
      db: async () => t.db,
      onRun: (error) => {
        runs += 1;
        if (runs === 1) firstRun(error);
      },
    });
    // A second start (hot reload) gets the same timer, not another one.
    expect(startRatePruning({ intervalMs: 10, db: async () => t.db })).toBe(stop);
    expect(await ran).toBeNull();
    stop();
    expect(await t.db.select().from(credentialAttempts)).toHaveLength(0);
  });
});
