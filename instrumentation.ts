/**
 * Next.js start-up hook, once per server process (not per request); only the Node.js runtime has
 * a database. Every process prunes the rate-limit tables on an hourly, unref'd timer
 * (server/maintenance.ts). In development (`npm run dev`) it also starts the health monitor's
 * scheduler and a worker in the server process, so health shows up without `npm run worker`.
 * Production runs workers separately (README: Monitoring); `MONITOR_IN_DEV=0` turns this off.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startRatePruning } = await import("./server/maintenance");
  startRatePruning();
  if (process.env.NODE_ENV !== "development" || process.env.MONITOR_IN_DEV === "0") return;
  const { startInProcessMonitor } = await import("./server/monitor/in-process");
  await startInProcessMonitor();
}
