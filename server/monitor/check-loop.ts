import "server-only";
import { setMaxListeners } from "node:events";
import type { Job, PgBoss } from "pg-boss";
import { QUEUES } from "./boss";
import type { CheckJob } from "./check";
import { untilWritten } from "./until-written";

export type CheckLoopOptions = {
  boss: PgBoss;
  /** Checks in flight at once in this process (each to a different PBX target). */
  concurrency: number;
  /** How long to wait for due work when nothing finished meanwhile. */
  pollingSeconds: number;
  run: (job: CheckJob, signal: AbortSignal) => Promise<unknown>;
  log: (line: string) => void;
};

export type CheckLoop = {
  /** Stops fetching, waits for the checks in flight (up to `timeoutMs`), then aborts the rest. */
  stop(timeoutMs: number): Promise<void>;
};

/** At most this many jobs per fetch: one statement's worth, not a whole backlog held in memory. */
const MAX_BATCH = 50;

/**
 * One fetch loop per process instead of pg-boss's `localConcurrency` pollers: each fetch takes as
 * many due checks as there are free slots, at most one per PBX target (`groupConcurrency: 1`
 * counts running jobs across every worker; targets running here are skipped outright), and the
 * checks run side by side. Every job is settled on its own the moment it ends, which frees its
 * target for the next fetch; a finished check wakes the loop at once instead of waiting for the
 * next poll, so a busy target's next due check starts one round trip after the previous one.
 */
export function startCheckLoop(o: CheckLoopOptions): CheckLoop {
  const running = new Map<string, { target: string; done: Promise<void> }>();
  const abort = new AbortController();
  // Every check in flight listens on it (each SIP step adds one).
  setMaxListeners(Math.max(10, o.concurrency * 8), abort.signal);
  let stopping = false;
  let wake: (() => void) | null = null;
  // Set by a finished check while the loop is fetching, so its wake-up is not lost.
  let kicked = false;
  const kick = () => {
    kicked = true;
    wake?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (kicked) {
        kicked = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        kicked = false;
        resolve();
      }
      wake = done;
    });

  const start = (job: Job<CheckJob>) => {
    const done = (async () => {
      try {
        await o.run(job.data, abort.signal);
        await untilWritten(() => o.boss.complete(QUEUES.check, job));
      } catch (err) {
        // pg-boss retries it (retryLimit) after retryDelay; the check's slot is not lost.
        const message = err instanceof Error ? err.message : String(err);
        await untilWritten(() => o.boss.fail(QUEUES.check, job, { message })).catch((e: unknown) => {
          o.log(`could not fail job ${job.id}: ${e instanceof Error ? e.message : String(e)}`);
        });
      } finally {
        running.delete(job.id);
        kick();
      }
    })();
    running.set(job.id, { target: job.data.target, done });
  };

  const loop = (async () => {
    while (!stopping) {
      const free = o.concurrency - running.size;
      if (free > 0) {
        try {
          const jobs = await o.boss.fetch<CheckJob>(QUEUES.check, {
            batchSize: Math.min(free, MAX_BATCH),
            groupConcurrency: 1,
            ignoreGroups: [...new Set([...running.values()].map((r) => r.target))],
          });
          for (const job of jobs) start(job);
          // A full batch: more may be due right now.
          if (jobs.length === Math.min(free, MAX_BATCH) && running.size < o.concurrency) continue;
        } catch (err) {
          o.log(`fetching checks: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (!stopping) await sleep(o.pollingSeconds * 1000);
    }
  })();

  return {
    async stop(timeoutMs) {
      stopping = true;
      kick();
      await loop;
      const all = Promise.all([...running.values()].map((r) => r.done));
      const timedOut = await Promise.race([
        all.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref()),
      ]);
      if (timedOut) {
        // Aborted checks throw and their jobs are failed, so pg-boss hands them out again.
        abort.abort();
        await all;
      }
    },
  };
}
