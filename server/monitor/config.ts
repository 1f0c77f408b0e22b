import "server-only";
import { env } from "@/lib/env";

/** How the monitor runs; defaults from the environment, every field overridable (tests, bench). */
export type MonitorConfig = {
  /** Seconds between checks of one connection. */
  intervalSeconds: number;
  /** Checks one worker process runs at once (at most one per PBX target across all workers). */
  concurrency: number;
  /** The scheduler's cron (pg-boss runs it on one instance at a time); every minute by default. */
  tickCron: string;
  /** How far ahead a tick claims due checks: one tick period, so none is claimed late. */
  horizonSeconds: number;
  /** Extra random delay per check, on top of the random slot each connection got at first sight. */
  jitterSeconds: number;
  /** Budget of one SIP test step (lib/sip). */
  timeoutMs?: number;
  /** Days of check rows kept for the chart. */
  keepDays: number;
  /** How often a worker polls for work (seconds, pg-boss minimum 0.5). */
  pollingSeconds: number;
  /** First retry delay of a failed alert delivery; doubles (with jitter) up to 15 minutes. */
  alertRetryDelaySeconds: number;
};

export function monitorConfig(over: Partial<MonitorConfig> = {}): MonitorConfig {
  const e = env();
  const intervalSeconds = over.intervalSeconds ?? e.MONITOR_INTERVAL_S;
  return {
    intervalSeconds,
    concurrency: e.MONITOR_CONCURRENCY,
    tickCron: "* * * * *",
    horizonSeconds: 60,
    jitterSeconds: Math.min(15, Math.floor(intervalSeconds / 20)),
    timeoutMs: e.SIP_CHECK_TIMEOUT_MS,
    keepDays: 8,
    pollingSeconds: 2,
    alertRetryDelaySeconds: 10,
    ...over,
  };
}
