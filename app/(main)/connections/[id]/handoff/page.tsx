import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/connection/format";
import { HandoffPanel } from "@/components/guide/handoff-panel";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { UUID } from "@/lib/validation/uuid";
import { requireCustomerPage } from "@/server/auth/guards";
import { viewerLocale } from "@/server/connections/page-data";
import { listHandoffsForCustomer } from "@/server/handoff/service";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("guide.handoff.customer");
  return { title: t("title") };
}

/** The customer's one-time links for their telecom provider (issue 5), per connection. */
export default async function ConnectionHandoffPage({ params }: Props) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const actor = await requireCustomerPage(`/connections/${id}/handoff`);
  const locale = await viewerLocale();
  let data: Awaited<ReturnType<typeof listHandoffsForCustomer>>;
  try {
    data = await listHandoffsForCustomer(await getDb(), actor, { connectionId: id, locale });
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "forbidden")) notFound();
    throw err;
  }
  const t = await getTranslations("guide.handoff.customer");
  const tw = await getTranslations("wizard.fields");
  const c = data.connection;
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <Link href={`/connections/${c.id}`} className="text-sm font-semibold text-brand-700 underline">
          {t("back")}
        </Link>
        <h1 className="text-3xl font-bold tracking-tight text-brand-900">{t("title")}</h1>
        <p className="text-lg font-medium text-slate-800">{c.label}</p>
        <p className="max-w-3xl text-slate-700">{t("intro")}</p>
      </div>
      <dl
        className="grid max-w-2xl gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-[max-content_1fr]"
        data-testid="handoff-connection"
      >
        <dt className="font-semibold text-slate-900">{tw("sipUsername")}</dt>
        <dd className="font-mono text-slate-800">{c.sipUsername || "—"}</dd>
        <dt className="font-semibold text-slate-900">{tw("sipDomain")}</dt>
        <dd className="font-mono text-slate-800">
          {c.sipDomain ? (c.port ? `${c.sipDomain}:${c.port}` : c.sipDomain) : "—"}
        </dd>
        <dt className="font-semibold text-slate-900">{tw("sipPassword")}</dt>
        <dd className="text-slate-800">
          {c.passwordSavedAt
            ? t("passwordSaved", { date: formatDateTime(c.passwordSavedAt.toISOString(), locale) })
            : "—"}
        </dd>
      </dl>
      <HandoffPanel connectionId={c.id} links={data.links} locale={locale} />
    </div>
  );
}
