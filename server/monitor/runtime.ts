import "server-only";
import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { type AlertDeps, type AlertJob, deliverAlert } from "./alerts";
import { bossTx, ensureQueues, QUEUES } from "./boss";
import { type CheckDeps, runHealthCheck } from "./check";
import { type CheckLoop, startCheckLoop } from "./check-loop";
import type { MonitorConfig } from "./config";
import { runTick } from "./scheduler";

export type MonitorRoles = {
  /** Registers the minute cron and runs ticks (pg-boss hands each tick to one instance). */
  scheduler: boolean;
  /** Runs checks and alert deliveries. */
  worker: boolean;
};

export type MonitorOptions = {
  db: Db;
  /** Started by the caller, who owns its connection source. */
  boss: PgBoss;
  config: MonitorConfig;
  roles: MonitorRoles;
  check?: Omit<CheckDeps, "db" | "onEvent" | "signal">;
  alerts: Omit<AlertDeps, "db">;
  log?: (line: string) => void;
};

export type Monitor = {
  /** Graceful: stops fetching, waits for running checks (up to `timeoutMs`), then closes. */
  stop(timeoutMs?: number): Promise<void>;
};

export async function startMonitor(o: MonitorOptions): Promise<Monitor> {
  const { db, boss, config } = o;
  const log = o.log ?? ((line: string) => console.info(`[monitor] ${line}`));
  boss.on("error", (err) => log(`pg-boss: ${err instanceof Error ? err.message : String(err)}`));
  await ensureQueues(boss, config);

  let checks: CheckLoop | null = null;
  if (o.roles.worker) {
    const queueAlerts = async (tx: Db, eventId: string) => {
      const jobs = (["email", "webhook"] as const).map((channel) => ({
        data: { eventId, channel } satisfies AlertJob,
      }));
      await boss.insert(QUEUES.alert, jobs, { db: bossTx(tx) });
    };
    checks = startCheckLoop({
      boss,
      concurrency: config.concurrency,
      pollingSeconds: config.pollingSeconds,
      log,
      run: (job, signal) =>
        runHealthCheck(
          {
            db,
            ...o.check,
            timeoutMs: o.check?.timeoutMs ?? config.timeoutMs,
            signal,
            onEvent: queueAlerts,
          },
          job,
        ),
    });
    await boss.work<AlertJob>(
      QUEUES.alert,
      { localConcurrency: 2, pollingIntervalSeconds: config.pollingSeconds },
      async (jobs) => {
        for (const job of jobs) await deliverAlert({ db, ...o.alerts }, job.data);
      },
    );
  }
  if (o.roles.scheduler) {
    await boss.work(QUEUES.tick, { pollingIntervalSeconds: config.pollingSeconds }, async () => {
      const r = await runTick(db, boss, config);
      if (r.queued > 0 || r.newRows > 0) log(`tick: ${r.queued} checks queued, ${r.newRows} connections new`);
    });
    await boss.schedule(QUEUES.tick, config.tickCron, null, { tz: "UTC" });
  }
  return {
    async stop(timeoutMs = 30_000) {
      await checks?.stop(timeoutMs);
      await boss.stop({ graceful: true, timeout: timeoutMs });
    },
  };
}
