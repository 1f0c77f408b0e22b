import "server-only";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { createBoss } from "./boss";
import { monitorConfig } from "./config";
import { mailerFromEnv } from "./mail";
import { type Monitor, startMonitor } from "./runtime";
import { shareBoss } from "./sender";

type Holder = typeof globalThis & { __phoneConnectionMonitor?: Promise<Monitor | null> };
const holder = globalThis as Holder;

/**
 * `npm run dev`: the scheduler and one worker inside the dev server, on the app's own database —
 * with PGlite, through pg-boss's PGlite adapter on the same instance (a second process must
 * never open the data directory). Cached on globalThis so hot reload never starts two.
 */
export function startInProcessMonitor(): Promise<Monitor | null> {
  holder.__phoneConnectionMonitor ??= (async () => {
    const e = env();
    const db = await getDb();
    const boss = createBoss(e.DATABASE_URL ? { url: e.DATABASE_URL } : { db }, {
      schedule: true,
      poolMax: 3,
    });
    await boss.start();
    shareBoss(boss);
    const config = monitorConfig();
    const monitor = await startMonitor({
      db,
      boss,
      config,
      roles: { scheduler: true, worker: true },
      alerts: {
        mailer: mailerFromEnv(),
        appUrl: e.APP_URL ?? "http://localhost:3000",
        sourceAddresses: e.MONITOR_SOURCE_ADDRESSES,
      },
    });
    console.info(
      `[monitor] in-process scheduler and worker (${e.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}), every ${config.intervalSeconds} s`,
    );
    return monitor;
  })().catch((err: unknown) => {
    console.error(
      `[monitor] could not start in-process: ${err instanceof Error ? err.message : String(err)}`,
    );
    holder.__phoneConnectionMonitor = undefined;
    return null;
  });
  return holder.__phoneConnectionMonitor;
}
