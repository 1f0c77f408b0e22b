/**
 * The health chart's data: checks counted into equal time buckets (24 h → 96 quarter hours,
 * 7 days → 168 hours), so the chart has a fixed size however many checks there were. Pure.
 */
export type TimelinePoint = { at: Date; ok: boolean };
export type Bucket = { start: Date; ok: number; failed: number };
export type TimelineRange = "24h" | "7d";

export const RANGES: Record<TimelineRange, { ms: number; buckets: number }> = {
  "24h": { ms: 24 * 3600_000, buckets: 96 },
  "7d": { ms: 7 * 24 * 3600_000, buckets: 168 },
};

export function bucketize(points: TimelinePoint[], range: TimelineRange, now: Date): Bucket[] {
  const { ms, buckets } = RANGES[range];
  const from = +now - ms;
  const width = ms / buckets;
  const out: Bucket[] = Array.from({ length: buckets }, (_, i) => ({
    start: new Date(from + i * width),
    ok: 0,
    failed: 0,
  }));
  for (const p of points) {
    const i = Math.floor((+p.at - from) / width);
    const b = out[i];
    if (!b) continue;
    if (p.ok) b.ok += 1;
    else b.failed += 1;
  }
  return out;
}

/** Share of checks that passed, 0–1; null without checks. */
export function availability(points: TimelinePoint[]): number | null {
  if (points.length === 0) return null;
  return points.filter((p) => p.ok).length / points.length;
}
