import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import { fromDrizzle, fromPglite, type Db as IDatabase, PgBoss } from "pg-boss";
import type { Db } from "@/db/client";

/**
 * pg-boss on our own database (its tables live in the `pgboss` schema). PostgreSQL: pg-boss's
 * own pool on the same URL. PGlite (development): pg-boss's PGlite adapter on the very instance
 * the app uses, so no second process opens the data directory.
 */
export const QUEUES = {
  tick: "monitor-tick",
  check: "monitor-check",
  alert: "monitor-alert",
  dead: "monitor-dead",
} as const;

export type BossSource = { url: string } | { db: Db };

export function pgliteOf(db: Db): PGlite | undefined {
  const client: unknown = (db as { $client?: unknown }).$client;
  return client instanceof PGlite ? client : undefined;
}

export function createBoss(
  source: BossSource,
  opts: { schedule: boolean; poolMax?: number; supervise?: boolean },
): PgBoss {
  const common = {
    schedule: opts.schedule,
    // A sender-only instance leaves maintenance to the workers.
    supervise: opts.supervise ?? true,
    // Our tables hold results; pg-boss keeps only what is in flight (see queue retention below).
    persistWarnings: false,
  };
  if ("url" in source) {
    return new PgBoss({
      ...common,
      connectionString: source.url,
      max: opts.poolMax ?? 10,
      application_name: "phone-connection-monitor",
    });
  }
  const pglite = pgliteOf(source.db);
  if (!pglite) throw new Error("createBoss: a Db without a URL must be PGlite");
  return new PgBoss({ ...common, db: fromPglite(pglite), backend: "pglite" });
}

/**
 * Queues and their policies. Checks: `exclusive` with the connection id as singleton key — at
 * most one queued or running check per connection, whichever instance sends it; retried once
 * (a crash), then dead-lettered; finished jobs deleted after an hour. Alerts: retried with
 * backoff for about an hour (a webhook receiver that is down).
 */
export async function ensureQueues(
  boss: PgBoss,
  c: { intervalSeconds: number; alertRetryDelaySeconds: number },
): Promise<void> {
  await boss.createQueue(QUEUES.dead, { retentionSeconds: 7 * 86_400, deleteAfterSeconds: 7 * 86_400 });
  await boss.createQueue(QUEUES.tick, {
    policy: "exclusive",
    retryLimit: 0,
    expireInSeconds: 300,
    deleteAfterSeconds: 3600,
    retentionSeconds: 300,
  });
  await boss.createQueue(QUEUES.check, {
    policy: "exclusive",
    retryLimit: 1,
    retryDelay: 5,
    // A check's steps are bounded (lib/sip budgets); past this a worker died with it.
    expireInSeconds: 180,
    deleteAfterSeconds: 3600,
    retentionSeconds: Math.max(600, c.intervalSeconds * 2),
    deadLetter: QUEUES.dead,
  });
  await boss.createQueue(QUEUES.alert, {
    retryLimit: 8,
    retryDelay: c.alertRetryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 900,
    expireInSeconds: 120,
    deleteAfterSeconds: 86_400,
    deadLetter: QUEUES.dead,
  });
}

/** pg-boss statements inside one of our transactions (jobs commit with our rows, or not at all). */
export function bossTx(tx: Db): IDatabase {
  return fromDrizzle(
    {
      execute: async (query: unknown) => {
        const res: unknown = await tx.execute(query as SQL);
        if (typeof res === "object" && res !== null && "rows" in res && Array.isArray(res.rows)) {
          return { rows: res.rows as unknown[] };
        }
        throw new Error("unexpected result shape from db.execute");
      },
    },
    sql,
  );
}
