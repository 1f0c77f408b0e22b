import "server-only";

/**
 * Retries a write that must land once the database answers again: settling a job, releasing a
 * target's lease. Given up after one failure (a restart, a failover), the job would stay active
 * and the PBX target leased until their 180 s expiry, stalling every check of that target.
 * Backs off from 250 ms to 5 s; after `forMs` the last error is thrown.
 */
export async function untilWritten<T>(write: () => Promise<T>, forMs = 60_000): Promise<T> {
  const deadline = Date.now() + forMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await write();
    } catch (err) {
      if (Date.now() + delay > deadline) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
