import type { ConnectionStatus } from "@/lib/connections/status";

const TONE: Record<ConnectionStatus, string> = {
  draft: "bg-slate-100 text-slate-800 border-slate-300",
  testing: "bg-brand-50 text-brand-900 border-brand-100",
  verified: "bg-emerald-50 text-emerald-900 border-emerald-300",
  active: "bg-emerald-700 text-white border-emerald-700",
  failed: "bg-red-50 text-red-900 border-red-300",
  disabled: "bg-slate-200 text-slate-800 border-slate-400",
};

/** The status as a word (never colour alone). Works in server and client components. */
export function StatusBadge({ status, label }: { status: ConnectionStatus; label: string }) {
  return (
    <span className={`inline-block rounded-full border px-2.5 py-0.5 text-sm font-semibold ${TONE[status]}`}>
      {label}
    </span>
  );
}
