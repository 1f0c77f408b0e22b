import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { availability, bucketize, RANGES, type TimelineRange } from "@/lib/monitor/timeline";
import type { HealthDetail } from "@/server/monitor/service";
import { badgeStateOf, HealthBadge } from "./health-badge";
import { HealthChart } from "./health-chart";

type Props = {
  detail: HealthDetail;
  locale: string;
  intervalSeconds: number;
  sourceAddresses: string[];
  /** Support's controls (pause/resume, check now), rendered by the support page. */
  controls?: React.ReactNode;
};

const fmt = (d: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);

/** Health, last check, the 24 h / 7 day chart and the state history of one connection. */
export async function HealthPanel({ detail, locale, intervalSeconds, sourceAddresses, controls }: Props) {
  const t = await getTranslations("monitor");
  const h = detail.health;
  const state = badgeStateOf(h);
  const now = new Date();
  const ranges: TimelineRange[] = ["24h", "7d"];
  return (
    <Card>
      <section aria-labelledby="health-title" className="space-y-4" data-testid="health-panel">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="health-title" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <HealthBadge state={state} label={t(`states.${state}`)} />
        </div>
        <p className="text-sm text-slate-700">
          {t("intro", { minutes: Math.max(1, Math.round(intervalSeconds / 60)) })}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium text-slate-700">{t("lastCheck")}</dt>
          <dd data-testid="health-last-check">{h?.lastCheckAt ? fmt(h.lastCheckAt, locale) : t("never")}</dd>
          {h && !h.stopped && !h.paused ? (
            <>
              <dt className="font-medium text-slate-700">{t("nextCheck")}</dt>
              <dd>{fmt(h.nextDueAt, locale)}</dd>
            </>
          ) : null}
        </dl>
        {h?.stopped ? (
          <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {t("stopped")}
          </p>
        ) : null}
        {h?.probablyBanned ? (
          <p className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900">
            {t("banned", {
              addresses: sourceAddresses.length > 0 ? sourceAddresses.join(", ") : t("ourAddresses"),
            })}
          </p>
        ) : null}
        {h?.paused ? <p className="text-sm text-slate-700">{t("pausedNote")}</p> : null}
        {ranges.map((r) => {
          const since = +now - RANGES[r].ms;
          const points = detail.points.filter((p) => +p.at >= since);
          const ok = points.filter((p) => p.ok).length;
          const failed = points.length - ok;
          const share = availability(points);
          const range = t(r === "24h" ? "range24h" : "range7d");
          return (
            <div key={r} className="space-y-1" data-testid={`health-range-${r}`}>
              <h3 className="text-sm font-semibold">{t("chartTitle", { range })}</h3>
              <HealthChart
                buckets={bucketize(points, r, now)}
                label={t("chartLabel", { range, ok, failed })}
              />
              <p className="text-xs text-slate-600">
                {share === null
                  ? t("noChecks")
                  : `${t("availability", { percent: Math.round(share * 1000) / 10 })} · ${t("chartLabel", { range, ok, failed })}`}
              </p>
            </div>
          );
        })}
        <p className="flex gap-4 text-xs text-slate-600" aria-hidden="true">
          <span>
            <span className="mr-1 inline-block h-2 w-2 bg-emerald-600" />
            {t("legendOk")}
          </span>
          <span>
            <span className="mr-1 inline-block h-2 w-2 bg-red-600" />
            {t("legendFailed")}
          </span>
          <span>
            <span className="mr-1 inline-block h-2 w-2 bg-slate-200" />
            {t("legendNone")}
          </span>
        </p>
        <div>
          <h3 className="mb-2 text-sm font-semibold">{t("history")}</h3>
          {detail.events.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noHistory")}</p>
          ) : (
            <ol className="space-y-1 text-sm" data-testid="health-history">
              {detail.events.map((e) => (
                <li key={e.id} data-to={e.toState}>
                  <time dateTime={e.at.toISOString()} className="text-slate-600">
                    {fmt(e.at, locale)}
                  </time>{" "}
                  <span className="font-medium">
                    {t("change", { from: t(`states.${e.fromState}`), to: t(`states.${e.toState}`) })}
                  </span>{" "}
                  {t.has(`reasons.${e.reason}`) ? t(`reasons.${e.reason}`) : e.reason}
                </li>
              ))}
            </ol>
          )}
        </div>
        {controls}
      </section>
    </Card>
  );
}
