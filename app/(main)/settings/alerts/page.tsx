import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDateTime } from "@/components/connection/format";
import { AlertSettingsForm } from "@/components/monitor/alert-settings-form";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { ALERTS_CLIENT_MESSAGES, pickMessages } from "@/lib/i18n/client-messages";
import { isUuid } from "@/lib/validation/uuid";
import { requireSignedInPage } from "@/server/auth/guards";
import { type AlertHistoryAction, getAlertSettings } from "@/server/monitor/alert-settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts");
  return { title: t("title"), robots: { index: false } };
}

/**
 * Who gets health alerts and where the webhook goes. Customers manage their own organization's;
 * support opens it from a connection (`?org=`) and only reads.
 */
export default async function AlertSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const org = typeof sp.org === "string" && isUuid(sp.org) ? sp.org : undefined;
  const actor = await requireSignedInPage(`/settings/alerts${org ? `?org=${org}` : ""}`);
  if (actor.role === "support" && !org) redirect("/support");
  const db = await getDb();
  const settings = await getAlertSettings(db, actor, actor.role === "support" ? org : undefined).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    },
  );
  const t = await getTranslations("alerts");
  const locale = await getLocale();
  const orgName = settings.canChange ? null : settings.organizationName;
  const webhook = settings.webhook
    ? { url: settings.webhook.url, since: formatDateTime(settings.webhook.createdAt.toISOString(), locale) }
    : null;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight text-brand-900">{t("title")}</h1>
        <p className="max-w-2xl text-slate-700">{t("intro")}</p>
        {orgName !== null ? (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
            {t("readOnly", { organization: orgName })}
          </p>
        ) : null}
      </header>
      <Section id="email" title={t("email.title")} intro={t("email.intro")}>
        {settings.emailRecipients.length > 0 ? (
          <ul className="list-disc pl-5 text-sm" data-testid="alert-recipients">
            {settings.emailRecipients.map((e) => (
              <li key={e} className="break-all">
                {e}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm font-medium">{t("email.none")}</p>
        )}
      </Section>
      <Section id="webhook" title={t("webhook.title")} intro={t("webhook.intro")}>
        {settings.canChange ? (
          <NextIntlClientProvider messages={pickMessages(await getMessages(), ALERTS_CLIENT_MESSAGES)}>
            <AlertSettingsForm webhook={webhook} />
          </NextIntlClientProvider>
        ) : webhook ? (
          <p className="text-sm" data-testid="webhook-current">
            {t("webhook.current")} <code className="break-all">{webhook.url}</code> ·{" "}
            {t("webhook.since", { date: webhook.since })}
          </p>
        ) : (
          <p className="text-sm" data-testid="webhook-current">
            {t("webhook.none")}
          </p>
        )}
      </Section>
      <Section id="history" title={t("history.title")} intro={t("history.intro")}>
        {settings.history.length > 0 ? (
          <ul className="divide-y divide-slate-200 text-sm" data-testid="alert-history">
            {settings.history.map((h) => (
              <li key={h.id} className="py-2" data-action={h.action}>
                <span className="font-medium">
                  {t(`history.actions.${HISTORY_KEY[h.action]}`, {
                    origin: h.origin ?? "",
                    result: h.result ? t(`history.results.${h.result}`) : "",
                  })}
                </span>
                <span className="block text-xs text-slate-600">
                  {formatDateTime(h.at.toISOString(), locale)} · {h.actorLabel}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm">{t("history.none")}</p>
        )}
      </Section>
    </div>
  );
}

/** One card of the page: a titled section with its introduction. */
function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <section aria-labelledby={`${id}-title`} className="space-y-3">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="text-sm text-slate-700">{intro}</p>
        {children}
      </section>
    </Card>
  );
}

/** The audit action's message key under alerts.history.actions. */
const HISTORY_KEY = {
  "organization.alert_webhook_set": "alert_webhook_set",
  "organization.alert_webhook_replaced": "alert_webhook_replaced",
  "organization.alert_webhook_removed": "alert_webhook_removed",
  "organization.alert_test_sent": "alert_test_sent",
} as const satisfies Record<AlertHistoryAction, string>;
