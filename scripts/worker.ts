/**
 * `npm run worker`: health-check workers (server/monitor) against PostgreSQL. Run any number of
 * these on any number of machines with one DATABASE_URL; pg-boss hands each job to one of them
 * and keeps at most one check per PBX target running across all. SIGTERM/SIGINT: stop fetching,
 * let running checks finish (30 s), exit.
 *
 *   --no-scheduler     do not run the minute cron here (another instance does)
 *   --poll-seconds N   how often to look for work (default 2; tests use 0.5)
 */
import { parseArgs } from "node:util";
import { openDb } from "@/db/client";
import { env } from "@/lib/env";
import { createBoss } from "@/server/monitor/boss";
import { monitorConfig } from "@/server/monitor/config";
import { mailerFromEnv } from "@/server/monitor/mail";
import { startMonitor } from "@/server/monitor/runtime";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "no-scheduler": { type: "boolean", default: false },
      "poll-seconds": { type: "string" },
    },
  });
  const e = env();
  if (!e.DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL (PostgreSQL). On the embedded database, `npm run dev` runs the monitor in-process.",
    );
    process.exit(2);
  }
  const poll = values["poll-seconds"] === undefined ? undefined : Number(values["poll-seconds"]);
  const config = monitorConfig(poll && poll >= 0.5 ? { pollingSeconds: poll } : {});
  const opened = await openDb({ url: e.DATABASE_URL });
  const boss = createBoss({ url: e.DATABASE_URL }, { schedule: !values["no-scheduler"] });
  await boss.start();
  const monitor = await startMonitor({
    db: opened.db,
    boss,
    config,
    roles: { scheduler: !values["no-scheduler"], worker: true },
    alerts: {
      mailer: mailerFromEnv(),
      appUrl: e.APP_URL ?? "http://localhost:3000",
      sourceAddresses: e.MONITOR_SOURCE_ADDRESSES,
    },
  });
  console.info(
    `[monitor] worker ${process.pid} up: every ${config.intervalSeconds} s, ${config.concurrency} at once` +
      (values["no-scheduler"] ? ", no scheduler" : ", scheduler on"),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`[monitor] worker ${process.pid}: ${signal}, finishing running checks`);
    await monitor.stop(30_000);
    await opened.close();
    console.info(`[monitor] worker ${process.pid} stopped`);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
