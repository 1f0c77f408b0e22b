/**
 * Runs once when a Next.js server process starts (not per request). Only the Node.js runtime
 * has a database; the edge runtime (proxy.ts) gets nothing here.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startRatePruning } = await import("./server/maintenance");
  startRatePruning();
}
