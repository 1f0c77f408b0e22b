import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { HealthPanel } from "@/components/monitor/health-panel";
import { MonitoringControls } from "@/components/monitor/monitoring-controls";
import { AdviceBlock } from "@/components/support/advice-block";
import { AuditLog } from "@/components/support/audit-log";
import { CallHistory } from "@/components/support/call-history";
import { formatUtc } from "@/components/support/format";
import { TestTimeline } from "@/components/support/test-timeline";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { parseStoredWarnings, storedFacts } from "@/lib/connections/test-summary";
import { env } from "@/lib/env";
import { requireSupportPage } from "@/server/auth/guards";
import { monitorConfig } from "@/server/monitor/config";
import { loadHealthDetail } from "@/server/monitor/service";
import { loadSupportConnectionPage } from "@/server/support/service";
import { SupportActions } from "./support-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support");
  return { title: t("title"), robots: { index: false } };
}

export default async function SupportConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSupportPage(`/support/${encodeURIComponent(id)}`);
  const data = await loadSupportConnectionPage(await getDb(), actor, id);
  if (!data) notFound();
  const { connection: c, tests, audit, calls } = data;
  const health = await loadHealthDetail(await getDb(), actor, c.id);
  const t = await getTranslations("support.detail");
  const ts = await getTranslations("common.connectionStatus");
  const tl = await getTranslations("support.list");
  const locale = await getLocale();
  const latest = tests.find((x) => x.finishedAt !== null);
  const none = t("none");
  const settings: Array<[string, string]> = [
    [t("organization"), c.organizationName],
    [t("sipUsername"), c.sipUsername],
    [t("authUsername"), c.authUsername ?? none],
    [t("sipDomain"), c.sipDomain],
    [t("port"), c.port === null ? t("defaultPort") : String(c.port)],
    [t("transport"), c.transport.toUpperCase()],
    [t("outboundProxy"), c.outboundProxy ?? none],
    [
      t("password"),
      c.passwordSavedAt
        ? t("passwordSaved", { date: formatUtc(c.passwordSavedAt, locale) })
        : t("passwordMissing"),
    ],
    [t("revision"), String(c.credentialRevision)],
    [t("created"), formatUtc(c.createdAt, locale)],
    [t("updated"), formatUtc(c.updatedAt, locale)],
    [t("activated"), c.activatedAt ? formatUtc(c.activatedAt, locale) : none],
  ];
  return (
    <div className="space-y-6">
      <p>
        <Link href="/support" className="text-sm text-brand-700 underline">
          ← {t("back")}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{c.label}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {c.organizationName} · <span data-testid="connection-status">{ts(c.status)}</span> ·{" "}
          <Link
            href={`/settings/alerts?org=${encodeURIComponent(c.organizationId)}`}
            className="text-brand-700 underline"
          >
            {t("alertSettings")}
          </Link>
        </p>
      </header>
      {c.status === "active" && latest && latest.ok === false ? (
        <p
          role="status"
          className="rounded-md border border-amber-500 bg-amber-50 p-4 font-medium text-amber-950"
          data-testid="failing-banner"
        >
          <span aria-hidden="true">⚠ </span>
          {tl("activeFailingBanner")}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("settings")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="connection-settings">
            {settings.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-medium text-slate-700">{k}</dt>
                {/* break-words, not break-all: "(never shown)" must not split mid-word. */}
                <dd className="min-w-0 break-words">{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
        {/* First on a phone: the console's actions should not sit below a dozen settings rows. */}
        <Card className="order-first lg:order-none">
          <h2 className="mb-3 text-lg font-semibold">{t("actions")}</h2>
          <SupportActions connectionId={c.id} disabled={c.status === "disabled"} />
        </Card>
      </div>
      {c.status === "active" || health.health ? (
        <HealthPanel
          detail={health}
          locale={locale}
          intervalSeconds={monitorConfig().intervalSeconds}
          sourceAddresses={env().MONITOR_SOURCE_ADDRESSES}
          controls={
            c.status === "active" ? (
              <MonitoringControls connectionId={c.id} paused={health.health?.paused ?? false} />
            ) : null
          }
        />
      ) : null}
      <section aria-labelledby="latest-title">
        <h2 id="latest-title" className="mb-3 text-lg font-semibold">
          {t("latest")}
        </h2>
        <AdviceBlock
          verdict={latest?.verdict ?? null}
          warnings={parseStoredWarnings(latest?.warnings)}
          facts={latest ? storedFacts(latest, c.sipDomain) : { domain: c.sipDomain }}
        />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title" className="mb-3 text-lg font-semibold">
          {t("history")}
        </h2>
        <TestTimeline tests={tests} domain={c.sipDomain} />
      </section>
      <section aria-labelledby="calls-title">
        <h2 id="calls-title" className="mb-3 text-lg font-semibold">
          {t("calls")}
        </h2>
        <CallHistory calls={calls} locale={locale === "nl" ? "nl" : "en"} />
      </section>
      <section aria-labelledby="audit-title">
        <h2 id="audit-title" className="mb-3 text-lg font-semibold">
          {t("audit")}
        </h2>
        <AuditLog events={audit} />
      </section>
    </div>
  );
}
