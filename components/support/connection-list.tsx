import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { type BadgeState, HealthBadge } from "@/components/monitor/health-badge";
import { buttonClass } from "@/components/ui/button";
import { CONNECTION_STATUSES, isConnectionStatus } from "@/lib/connections/status";
import { adviceFor } from "@/lib/verdicts/advice";
import { isVerdict, VERDICTS } from "@/lib/verdicts/codes";
import { formatUtc, toIso } from "./format";

export type ListRow = {
  id: string;
  organizationName: string;
  label: string;
  sipUsername: string;
  sipDomain: string;
  status: string;
  latestVerdict: string | null;
  pbxProduct: string | null;
  lastTestAt: Date | null;
  problem: boolean;
  health: string | null;
  healthPaused: boolean | null;
};

export type ListFilters = { status?: string; verdict?: string; health?: string; q?: string };

const HEALTH = ["healthy", "degraded", "down", "unknown", "paused", "unmonitored"] as const;

function healthBadgeOf(r: ListRow): BadgeState {
  if (r.health === null) return "unmonitored";
  if (r.healthPaused) return "paused";
  return HEALTH.find((h) => h === r.health) ?? "unknown";
}

function hrefFor(filters: ListFilters, page: number): string {
  const p = new URLSearchParams();
  if (filters.status) p.set("status", filters.status);
  if (filters.verdict) p.set("verdict", filters.verdict);
  if (filters.health) p.set("health", filters.health);
  if (filters.q) p.set("q", filters.q);
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `/support?${s}` : "/support";
}

/** Filters are a plain GET form: they work before (and without) hydration, and the URL can be shared. */
function FilterForm({ filters }: { filters: ListFilters }) {
  const t = useTranslations("support.list");
  const ts = useTranslations("common.connectionStatus");
  const tm = useTranslations("monitor");
  const lang = useLocale() === "nl" ? "nl" : "en";
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <search>
      {/* On a phone: status | result | health, then search | apply — the list stays near the top. */}
      <form
        method="get"
        action="/support"
        className="grid grid-cols-3 gap-3 sm:grid-cols-[1fr_1fr_1fr_2fr_auto]"
      >
        <label className="text-sm font-medium">
          {t("status")}
          <select name="status" defaultValue={filters.status ?? ""} className={field}>
            <option value="">{t("any")}</option>
            {CONNECTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          {t("verdict")}
          <select name="verdict" defaultValue={filters.verdict ?? ""} className={field}>
            <option value="">{t("any")}</option>
            <option value="untested">{t("untested")}</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {adviceFor(v, lang).title}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          {tm("filter")}
          <select name="health" defaultValue={filters.health ?? ""} className={field}>
            <option value="">{t("any")}</option>
            {HEALTH.map((h) => (
              <option key={h} value={h}>
                {tm(`states.${h}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="col-span-2 text-sm font-medium sm:col-span-1">
          {t("search")}
          <input
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            maxLength={200}
            placeholder={t("searchPlaceholder")}
            className={field}
          />
        </label>
        <div className="flex items-end">
          <button type="submit" className={buttonClass("primary")}>
            {t("apply")}
          </button>
        </div>
      </form>
    </search>
  );
}

export function ConnectionList({
  rows,
  total,
  page,
  pageSize,
  filters,
}: {
  rows: ListRow[];
  total: number;
  page: number;
  pageSize: number;
  filters: ListFilters;
}) {
  const t = useTranslations("support.list");
  const ts = useTranslations("common.connectionStatus");
  const tm = useTranslations("monitor");
  const locale = useLocale();
  const lang = locale === "nl" ? "nl" : "en";
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="space-y-4">
      <FilterForm filters={filters} />
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("count", { total, page, pages })}
      </p>
      {rows.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-sm">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="reflow w-full text-left text-sm" data-testid="support-connections">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("colOrganization")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colLabel")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colStatus")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {tm("column")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colVerdict")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colPbx")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("colLastTest")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={`border-t border-slate-200 ${r.problem ? "bg-red-50" : ""}`}>
                  <td className="px-3 py-2" data-label={t("colOrganization")}>
                    {r.organizationName}
                  </td>
                  <td className="px-3 py-2" data-label={t("colLabel")}>
                    <Link href={`/support/${r.id}`} className="font-medium text-brand-700 underline">
                      {r.label}
                    </Link>
                    <span className="block font-mono text-xs text-slate-600">
                      {r.sipUsername || r.sipDomain ? `${r.sipUsername}@${r.sipDomain}` : "—"}
                    </span>
                  </td>
                  <td className="px-3 py-2" data-label={t("colStatus")}>
                    {isConnectionStatus(r.status) ? ts(r.status) : r.status}
                    {r.status === "active" && r.latestVerdict !== null && r.latestVerdict !== "registered" ? (
                      <span
                        className="ml-2 inline-block rounded-full border border-amber-500 bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-950"
                        data-testid="failing-badge"
                      >
                        ⚠ {t("activeFailing")}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2" data-label={tm("column")}>
                    <HealthBadge state={healthBadgeOf(r)} label={tm(`states.${healthBadgeOf(r)}`)} />
                  </td>
                  <td
                    className="px-3 py-2"
                    data-label={t("colVerdict")}
                    data-verdict={r.latestVerdict ?? "untested"}
                  >
                    {r.problem && <span className="sr-only">{t("problem")} </span>}
                    {r.latestVerdict === null
                      ? t("untested")
                      : isVerdict(r.latestVerdict)
                        ? adviceFor(r.latestVerdict, lang).title
                        : r.latestVerdict}
                  </td>
                  <td className="px-3 py-2" data-label={t("colPbx")}>
                    {r.pbxProduct ?? "—"}
                  </td>
                  <td className="px-3 py-2" data-label={t("colLastTest")}>
                    {r.lastTestAt ? (
                      <time dateTime={toIso(r.lastTestAt)}>{formatUtc(r.lastTestAt, locale)}</time>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label={t("pagination")} className="flex items-center gap-3 text-sm">
          {page > 1 && (
            <Link href={hrefFor(filters, page - 1)} className={buttonClass("secondary")} rel="prev">
              {t("previous")}
            </Link>
          )}
          <span>{t("pageOf", { page, pages })}</span>
          {page < pages && (
            <Link href={hrefFor(filters, page + 1)} className={buttonClass("secondary")} rel="next">
              {t("next")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
