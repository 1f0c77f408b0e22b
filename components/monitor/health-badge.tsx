export type BadgeState = "unknown" | "healthy" | "degraded" | "down" | "paused" | "unmonitored";

const TONE: Record<BadgeState, string> = {
  unknown: "bg-slate-100 text-slate-800 border-slate-300",
  healthy: "bg-emerald-50 text-emerald-900 border-emerald-300",
  degraded: "bg-amber-50 text-amber-900 border-amber-400",
  down: "bg-red-700 text-white border-red-700",
  paused: "bg-slate-200 text-slate-800 border-slate-400",
  unmonitored: "bg-white text-slate-600 border-slate-300",
};

/** Registration health as a word (never colour alone). Server and client components. */
export function HealthBadge({ state, label }: { state: BadgeState; label: string }) {
  return (
    <span
      data-testid="health-badge"
      data-state={state}
      className={`inline-block whitespace-nowrap rounded-full border px-2.5 py-0.5 text-sm font-semibold ${TONE[state]}`}
    >
      {label}
    </span>
  );
}

/** Which badge a connection shows: paused wins, then its state; no row means not monitored. */
export function badgeStateOf(h: { state: BadgeState; paused: boolean } | undefined): BadgeState {
  if (!h) return "unmonitored";
  return h.paused ? "paused" : h.state;
}
