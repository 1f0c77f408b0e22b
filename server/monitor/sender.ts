import "server-only";
import type { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { createBoss } from "./boss";

type Holder = typeof globalThis & {
  __phoneConnectionBoss?: PgBoss;
  __phoneConnectionSender?: Promise<PgBoss | null>;
};
const holder = globalThis as Holder;

/** The in-process monitor (`npm run dev`) shares its pg-boss with the web app's job sender. */
export function shareBoss(boss: PgBoss): void {
  holder.__phoneConnectionBoss = boss;
}

/**
 * pg-boss for sending a job from the web app (support's "check now"): the in-process monitor's
 * when it runs here, else one started on first use on DATABASE_URL with no scheduler and no
 * maintenance (the workers do those). Null on PGlite without an in-process monitor: a second
 * client of the data directory is not possible, so the next scheduler pass queues the check.
 */
export function jobSender(): Promise<PgBoss | null> {
  if (holder.__phoneConnectionBoss) return Promise.resolve(holder.__phoneConnectionBoss);
  holder.__phoneConnectionSender ??= (async () => {
    const url = env().DATABASE_URL;
    if (!url) return null;
    const boss = createBoss({ url }, { schedule: false, supervise: false, poolMax: 2 });
    boss.on("error", (err) => console.error(`[monitor] job sender: ${err.message}`));
    await boss.start();
    return boss;
  })().catch((err: unknown) => {
    console.error(`[monitor] job sender unavailable: ${err instanceof Error ? err.message : String(err)}`);
    holder.__phoneConnectionSender = undefined;
    return null;
  });
  return holder.__phoneConnectionSender;
}
