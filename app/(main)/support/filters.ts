import { CONNECTION_STATUSES, type ConnectionStatus } from "@/db/schema";
import { VERDICTS } from "@/lib/verdicts/codes";

export const HEALTH_FILTERS = ["healthy", "degraded", "down", "unknown", "paused", "unmonitored"] as const;

export type SupportSearchParams = Record<string, string | string[] | undefined>;

export type ParsedFilters = {
  status?: ConnectionStatus;
  verdict?: string;
  health?: (typeof HEALTH_FILTERS)[number];
  q?: string;
  page: number;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Query string → filters; anything unknown is dropped rather than passed to SQL. */
export function parseFilters(sp: SupportSearchParams): ParsedFilters {
  const status = first(sp.status);
  const verdict = first(sp.verdict);
  const q = first(sp.q)?.trim().slice(0, 200);
  const page = Number.parseInt(first(sp.page) ?? "1", 10);
  return {
    status: CONNECTION_STATUSES.find((s) => s === status),
    verdict: verdict === "untested" ? verdict : VERDICTS.find((v) => v === verdict),
    health: HEALTH_FILTERS.find((h) => h === first(sp.health)),
    q: q || undefined,
    page: Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1,
  };
}
