import "server-only";
import { randomInt } from "node:crypto";
import type { JobInsert, PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { claimDueChecks, ensureHealthRows, pruneChecks } from "@/db/queries/health";
import { bossTx, QUEUES } from "./boss";
import type { CheckJob } from "./check";
import type { MonitorConfig } from "./config";

const BATCH = 500;

export type TickReport = { newRows: number; queued: number; pruned: number };

/**
 * One scheduler pass (the minute cron; pg-boss lets one instance run it): new active
 * connections get a random slot, due ones are claimed and their jobs inserted in the same
 * transaction — a crash or a lost connection leaves either both or neither, so no check is lost
 * and none is queued twice. The `exclusive` queue refuses a second job for a connection that
 * still has one queued or running (ON CONFLICT DO NOTHING, across instances).
 */
export async function runTick(db: Db, boss: PgBoss, config: MonitorConfig): Promise<TickReport> {
  const newRows = await ensureHealthRows(db, config.intervalSeconds);
  let queued = 0;
  for (;;) {
    const n = await queueDue(db, boss, config, {
      limit: BATCH,
      horizonSeconds: config.horizonSeconds,
      jitter: true,
    });
    queued += n;
    if (n < BATCH) break;
  }
  const pruned = await pruneChecks(db, config.keepDays);
  return { newRows, queued, pruned };
}

/**
 * Support's "check now": the same claim and job as a scheduler pass, for one connection that was
 * just made due, without the jitter, so a worker picks it up at its next fetch. False when it is
 * not due (paused, stopped, not active). A check of it already queued stands for this one: the
 * `exclusive` queue keeps one job per connection.
 */
export async function queueCheckNow(
  db: Db,
  boss: PgBoss,
  config: MonitorConfig,
  connectionId: string,
): Promise<boolean> {
  return (await queueDue(db, boss, config, { limit: 1, horizonSeconds: 0, jitter: false, connectionId })) > 0;
}

/** Claims due connections and inserts their jobs in one transaction; returns how many. */
async function queueDue(
  db: Db,
  boss: PgBoss,
  config: MonitorConfig,
  o: { limit: number; horizonSeconds: number; jitter: boolean; connectionId?: string },
): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await claimDueChecks(tx, {
      intervalSeconds: config.intervalSeconds,
      horizonSeconds: o.horizonSeconds,
      limit: o.limit,
      connectionId: o.connectionId,
    });
    if (due.length === 0) return 0;
    const now = Date.now();
    const jitterMs =
      o.jitter && config.jitterSeconds > 0 ? () => randomInt(config.jitterSeconds * 1000) : () => 0;
    const jobs: JobInsert<CheckJob>[] = due.map((d) => ({
      data: { connectionId: d.connectionId, slot: d.slot, target: d.target },
      singletonKey: d.connectionId,
      group: { id: d.target },
      startAfter: new Date(Math.max(+new Date(d.slot), now) + jitterMs()),
    }));
    await boss.insert(QUEUES.check, jobs, { db: bossTx(tx) });
    return due.length;
  });
}
