import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/connection/format";
import { Guide } from "@/components/guide/guide";
import { HandoffForm } from "@/components/guide/handoff-form";
import { getDb } from "@/db/client";
import { HANDOFF_MAX_ATTEMPTS } from "@/lib/handoff/types";
import { clientIpFrom } from "@/server/auth/sign-in";
import { openHandoff } from "@/server/handoff/service";
import { viewerLocale } from "@/server/http/request";

export const dynamic = "force-dynamic";

async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}

/**
 * What the provider sees behind a one-time link: the guide, named for the customer, with the
 * customer's real SIP form in place of the preview.
 */
export default async function HandoffPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const locale = await viewerLocale();
  const t = await getTranslations({ locale, namespace: "guide" });
  const opened = await openHandoff(await getDb(), { token, clientIp: await clientIp() });

  if (!opened.ok) {
    return (
      <div className="mx-auto max-w-2xl space-y-4" data-testid="handoff-refused">
        <h1 className="text-2xl font-bold text-brand-900">{t(`handoff.refused.${opened.code}.title`)}</h1>
        <p className="text-slate-700">
          {t(`handoff.refused.${opened.code}.body`, { seconds: opened.retryAfterSeconds ?? 60 })}
        </p>
        <p className="text-slate-700">
          {t("handoff.refused.guide")}{" "}
          <a className="font-semibold text-brand-700 underline" href={`/guide/${locale}`}>
            {t("meta.title")}
          </a>
        </p>
      </div>
    );
  }

  const { ctx, connection } = opened;
  const org = ctx.organizationName;
  const banner = (
    <section
      aria-labelledby="handoff-title"
      className="rounded-lg border-2 border-brand-600 bg-brand-50 p-6"
      data-testid="handoff-banner"
    >
      <h2 id="handoff-title" className="text-xl font-bold text-brand-900">
        {t("handoff.banner.title", { org })}
      </h2>
      <p className="mt-2 text-slate-800">
        {t("handoff.banner.body", { org, connection: ctx.connectionLabel })}
      </p>
      <p className="mt-2 text-sm text-slate-700">
        {t("handoff.banner.expires", {
          date: formatDateTime(ctx.link.expiresAt.toISOString(), locale),
          attempts: HANDOFF_MAX_ATTEMPTS,
        })}
      </p>
      <a href="#customer-view" className="mt-3 inline-block font-semibold text-brand-700 underline">
        {t("handoff.banner.toForm")}
      </a>
    </section>
  );
  // Non-secret fields start from what the customer saved; the password always starts empty.
  const defaults = {
    label: connection.label,
    sipUsername: connection.sipUsername,
    sipPassword: "",
    sipDomain: connection.sipDomain,
    authUsername: connection.authUsername ?? "",
    transport: connection.transport,
    port: connection.port === null ? "" : String(connection.port),
    outboundProxy: connection.outboundProxy ?? "",
  };
  return (
    <Guide
      locale={locale}
      banner={banner}
      customerView={{
        title: t("handoff.form.title"),
        intro: t("handoff.form.intro", { org }),
        content: <HandoffForm token={token} orgName={org} defaults={defaults} />,
      }}
    />
  );
}
