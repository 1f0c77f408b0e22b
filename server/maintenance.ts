import "server-only";
import { type Db, getDb } from "@/db/client";
import { pruneRateData } from "@/db/queries/rate-limits";

/**
 * Housekeeping a server process runs on a timer: pruning the rate-limit tables, which grow with
 * every test otherwise. Started once per process from instrumentation.ts; a scheduler (the
 * monitor's worker) may take this over. The timer is unref'd, so it never keeps a process alive.
 */

const PRUNE_EVERY_MS = 60 * 60 * 1000;

type Holder = typeof globalThis & { __phoneConnectionPruning?: () => void };
const holder = globalThis as Holder;

export type PruningOptions = {
  intervalMs?: number;
  /** The database to prune; the app's own by default. */
  db?: () => Promise<Db>;
  /** Called after each run, with the error when it failed (tests wait on it). */
  onRun?: (error: unknown) => void;
};

/** Starts the pruning timer once per process (hot reload re-runs modules); returns `stop`. */
export function startRatePruning(o: PruningOptions = {}): () => void {
  if (holder.__phoneConnectionPruning) return holder.__phoneConnectionPruning;
  const db = o.db ?? getDb;
  const run = async () => {
    let error: unknown = null;
    try {
      await pruneRateData(await db());
    } catch (err) {
      error = err;
      console.error("[maintenance] pruning rate data failed:", err instanceof Error ? err.message : err);
    }
    o.onRun?.(error);
  };
  const timer = setInterval(() => void run(), o.intervalMs ?? PRUNE_EVERY_MS);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    holder.__phoneConnectionPruning = undefined;
  };
  holder.__phoneConnectionPruning = stop;
  return stop;
}
