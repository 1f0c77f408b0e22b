/**
 * The web app's job sender on PostgreSQL (a production web instance, no in-process monitor):
 * support's "check now" lands in pg-boss's check queue from a send-only instance, and the
 * in-process monitor's own instance wins when there is one.
 */
import { sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { openPostgresTestDb, type TestDb } from "@/db/testing";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { resetEnvCache } from "@/lib/env";
import type { Actor } from "@/server/auth/actor";
import { createBoss, ensureQueues, QUEUES } from "./boss";
import { monitorConfig } from "./config";
import { jobSender, shareBoss } from "./sender";
import { requestCheckNow } from "./service";
import { activeConnection, testOrganization } from "./testing";

const config = monitorConfig({ intervalSeconds: 3600, jitterSeconds: 0 });
const support: Actor = { role: "support", organizationId: "", userId: null, label: "support@test" };

describe("job sender (PostgreSQL, send-only pg-boss)", () => {
  let t: TestDb;
  let k: KamailioHandle;
  const started: PgBoss[] = [];

  beforeAll(async () => {
    [t, k] = await Promise.all([
      openPostgresTestDb(),
      startKamailio({ accounts: [{ username: "5001", password: "pw-5001" }] }),
    ]);
    process.env.DATABASE_URL = t.url;
    resetEnvCache();
  });
  afterAll(async () => {
    for (const b of started) await b.stop({ graceful: false });
    delete process.env.DATABASE_URL;
    resetEnvCache();
    await Promise.all([k?.stop(), t?.close()]);
  });

  it("check now from a web instance: the job is in the check queue at once, one per connection", async () => {
    const sender = await jobSender();
    expect(sender).not.toBeNull();
    if (!sender) return;
    started.push(sender);
    expect(await jobSender()).toBe(sender);
    // Workers create the queues when they start; this instance only sends.
    await ensureQueues(sender, config);

    const { actor } = await testOrganization(t.db, "Sender");
    const id = await activeConnection(t.db, actor, "Main line", {
      username: "5001",
      password: "pw-5001",
      domain: `${k.domain}:${k.udpPort}`,
    });
    expect(await requestCheckNow(t.db, support, id, { boss: sender, config })).toEqual({ queued: true });
    // Asked twice before any worker ran: the exclusive queue still holds one job for it.
    await requestCheckNow(t.db, support, id, { boss: sender, config });
    const jobs = await queryRows<{ state: string; start_after: Date }>(
      t.db,
      sql`select state, start_after from pgboss.job
          where name = ${QUEUES.check} and data->>'connectionId' = ${id}`,
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.state).toBe("created");
    expect(+new Date(jobs[0]?.start_after ?? 0)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("the in-process monitor's pg-boss is the sender when it runs in this process", async () => {
    const own = createBoss({ url: t.url as string }, { schedule: false, supervise: false });
    await own.start();
    started.push(own);
    shareBoss(own);
    expect(await jobSender()).toBe(own);
  });
});
