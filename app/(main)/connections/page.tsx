import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/connection/format";
import { isFailingLive, StatusBadge } from "@/components/connection/status-badge";
import { badgeStateOf, HealthBadge } from "@/components/monitor/health-badge";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { requireCustomerPage } from "@/server/auth/guards";
import { listForActor } from "@/server/connections/service";
import { viewerLocale } from "@/server/http/request";
import { HEALTH_FILTERS, healthOf, matchesHealth, parseHealthFilter } from "@/server/monitor/service";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("wizard.list");
  return { title: t("title") };
}

/** The organization's connections: label, status, latest verdict, last test. */
export default async function ConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const actor = await requireCustomerPage("/connections");
  const locale = await viewerLocale();
  const t = await getTranslations("wizard");
  const ts = await getTranslations("common.connectionStatus");
  const tm = await getTranslations("monitor");
  const db = await getDb();
  const all = await listForActor(db, actor, locale);
  const health = await healthOf(
    db,
    all.map((r) => r.connection.id),
  );
  const filter = parseHealthFilter(typeof sp.health === "string" ? sp.health : undefined);
  const rows = filter ? all.filter((r) => matchesHealth(health.get(r.connection.id), filter)) : all;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-3xl font-bold tracking-tight text-brand-900">{t("list.title")}</h1>
          <p className="max-w-2xl text-slate-700">{t("list.intro")}</p>
        </div>
        <Link href="/connections/new" className={buttonClass("primary")}>
          {t("list.new")}
        </Link>
      </div>
      {all.length > 0 ? (
        <search>
          <form method="get" action="/connections" className="flex flex-wrap items-end gap-3">
            <label className="text-sm font-medium">
              {tm("filter")}
              <select
                name="health"
                defaultValue={filter ?? ""}
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              >
                <option value="">{tm("any")}</option>
                {HEALTH_FILTERS.map((h) => (
                  <option key={h} value={h}>
                    {tm(`states.${h}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={buttonClass("secondary")}>
              {tm("apply")}
            </button>
          </form>
        </search>
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {t("list.empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="reflow w-full text-left text-sm">
            <caption className="sr-only">{t("list.caption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3">
                  {t("list.label")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t("list.account")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t("list.status")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {tm("column")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t("list.verdict")}
                </th>
                <th scope="col" className="px-4 py-3">
                  {t("list.lastTest")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ connection: c, latest }) => (
                <tr key={c.id} className="border-t border-slate-200">
                  <th scope="row" className="px-4 py-3 font-semibold">
                    <Link href={`/connections/${c.id}`} className="text-brand-700 underline">
                      {c.label}
                    </Link>
                  </th>
                  <td className="break-all px-4 py-3 font-mono text-xs" data-label={t("list.account")}>
                    {c.sipUsername && c.sipDomain ? (
                      `${c.sipUsername}@${c.sipDomain}${c.port ? `:${c.port}` : ""}`
                    ) : (
                      <span className="font-sans text-slate-600">{t("list.notEntered")}</span>
                    )}
                  </td>
                  <td className="px-4 py-3" data-label={t("list.status")}>
                    <StatusBadge
                      status={c.status}
                      label={ts(c.status)}
                      warning={isFailingLive(c, latest) ? t("list.activeFailing") : undefined}
                    />
                  </td>
                  <td className="px-4 py-3" data-label={tm("column")}>
                    <HealthBadge
                      state={badgeStateOf(health.get(c.id))}
                      label={tm(`states.${badgeStateOf(health.get(c.id))}`)}
                    />
                  </td>
                  <td className="px-4 py-3" data-label={t("list.verdict")}>
                    {latest ? latest.advice.verdict.title : t("list.never")}
                  </td>
                  <td className="px-4 py-3" data-label={t("list.lastTest")}>
                    {latest ? formatDateTime(latest.finishedAt, locale) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
