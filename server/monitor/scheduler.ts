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
    const n = await db.transaction(async (tx) => {
      const due = await claimDueChecks(tx, {
        intervalSeconds: config.intervalSeconds,
        horizonSeconds: config.horizonSeconds,
        limit: BATCH,
      });
      if (due.length === 0) return 0;
      const now = Date.now();
      const jobs: JobInsert<CheckJob>[] = due.map((d) => ({
        data: { connectionId: d.connectionId, slot: d.slot, target: d.target },
        singletonKey: d.connectionId,
        group: { id: d.target },
        startAfter: new Date(
          Math.max(+new Date(d.slot), now) +
            (config.jitterSeconds > 0 ? randomInt(config.jitterSeconds * 1000) : 0),
        ),
      }));
      await boss.insert(QUEUES.check, jobs, { db: bossTx(tx) });
      return due.length;
    });
    queued += n;
    if (n < BATCH) break;
  }
  const pruned = await pruneChecks(db, config.keepDays);
  return { newRows, queued, pruned };
}

/** "Check now" (support): one job at once; the exclusive queue drops it if one is pending. */
export async function queueCheckNow(boss: PgBoss, connectionId: string, target: string): Promise<boolean> {
  const id = await boss.send(
    QUEUES.check,
    { connectionId, slot: new Date().toISOString(), target: target.toLowerCase() } satisfies CheckJob,
    { singletonKey: connectionId, group: { id: target.toLowerCase() } },
  );
  return id !== null;
}
