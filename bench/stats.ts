import { readFileSync } from "node:fs";

/** Small helpers shared by the benchmarks: percentiles, timing, the loopback policy, /proc usage. */

export const policy = { allowCidrs: ["127.0.0.0/8"] };

export type Stats = { n: number; p50: number; p99: number; mean: number };

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
  return {
    n: s.length,
    p50: at(50),
    p99: at(99),
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
  };
}

export const f = (ms: number) => `${ms.toFixed(2)} ms`;
export const line = (label: string, s: Stats) =>
  console.log(`  ${label.padEnd(34)} p50 ${f(s.p50).padStart(11)}  p99 ${f(s.p99).padStart(11)}  (n=${s.n})`);

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const TICKS = Number(process.env.CLK_TCK ?? 100);

/** CPU seconds (user + system) and resident memory of one process, from /proc. */
export function usage(pid: number): { cpu: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return { cpu, rssMb: Number(rss?.[1] ?? 0) / 1024 };
}
