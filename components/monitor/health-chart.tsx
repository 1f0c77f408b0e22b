import type { Bucket } from "@/lib/monitor/timeline";

const W = 4;
const GAP = 1;
const H = 40;

/**
 * One bar per bucket: the failed share in red on top of the passed share in green, grey for a
 * bucket without checks. The summary is in `label` (and in the text beside it), not in colour.
 */
export function HealthChart({ buckets, label }: { buckets: Bucket[]; label: string }) {
  const width = buckets.length * (W + GAP);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${H}`}
      preserveAspectRatio="none"
      className="h-10 w-full"
      data-testid="health-chart"
    >
      {buckets.map((b, i) => {
        const x = i * (W + GAP);
        const total = b.ok + b.failed;
        const key = b.start.toISOString();
        if (total === 0)
          return <rect key={key} x={x} y={H - 4} width={W} height={4} className="fill-slate-200" />;
        const failedH = Math.max(b.failed > 0 ? 4 : 0, Math.round((b.failed / total) * H));
        return (
          <g key={key} data-ok={b.ok} data-failed={b.failed}>
            <rect x={x} y={failedH} width={W} height={H - failedH} className="fill-emerald-600" />
            {failedH > 0 ? <rect x={x} y={0} width={W} height={failedH} className="fill-red-600" /> : null}
          </g>
        );
      })}
    </svg>
  );
}
