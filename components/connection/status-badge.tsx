import type { ConnectionStatus } from "@/lib/connections/status";

const TONE: Record<ConnectionStatus, string> = {
  draft: "bg-slate-100 text-slate-800 border-slate-300",
  testing: "bg-brand-50 text-brand-900 border-brand-100",
  verified: "bg-emerald-50 text-emerald-900 border-emerald-300",
  active: "bg-emerald-700 text-white border-emerald-700",
  failed: "bg-red-50 text-red-900 border-red-300",
  disabled: "bg-slate-200 text-slate-800 border-slate-400",
};

/** Switched on, but the latest test of it failed: it probably does not work right now. */
export function isFailingLive(
  c: { status: ConnectionStatus },
  latest: { ok: boolean; current: boolean } | null,
): boolean {
  return c.status === "active" && latest !== null && !latest.ok;
}

/**
 * The status as a word (never colour alone). `warning` adds an amber badge next to it (an
 * active connection whose latest test failed). Works in server and client components.
 */
export function StatusBadge({
  status,
  label,
  warning,
}: {
  status: ConnectionStatus;
  label: string;
  warning?: string;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span
        className={`inline-block whitespace-nowrap rounded-full border px-2.5 py-0.5 text-sm font-semibold ${TONE[status]}`}
      >
        {label}
      </span>
      {warning ? (
        <span
          className="inline-block rounded-full border border-amber-500 bg-amber-50 px-2.5 py-0.5 text-sm font-semibold text-amber-950"
          data-testid="failing-badge"
        >
          <span aria-hidden="true">⚠ </span>
          {warning}
        </span>
      ) : null}
    </span>
  );
}
