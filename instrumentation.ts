/**
 * Next.js start-up hook. In development (`npm run dev`) it starts the health monitor's scheduler
 * and a worker in the server process, so health shows up without `npm run worker`. Production
 * runs workers separately (README: Monitoring); `MONITOR_IN_DEV=0` turns this off.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV !== "development" || process.env.MONITOR_IN_DEV === "0") return;
  const { startInProcessMonitor } = await import("./server/monitor/in-process");
  await startInProcessMonitor();
}
