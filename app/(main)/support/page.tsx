import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConnectionList } from "@/components/support/connection-list";
import { getDb } from "@/db/client";
import { requireSupportPage } from "@/server/auth/guards";
import { listSupportConnections } from "@/server/support/service";
import { parseFilters, type SupportSearchParams } from "./filters";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support");
  return { title: t("title"), robots: { index: false } };
}

export default async function SupportPage({ searchParams }: { searchParams: Promise<SupportSearchParams> }) {
  const sp = await searchParams;
  const query = new URLSearchParams(
    Object.entries(sp).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  ).toString();
  const actor = await requireSupportPage(query ? `/support?${query}` : "/support");
  const filters = parseFilters(sp);
  const fromCustomerPage = sp.from === "customer-page";
  const t = await getTranslations("support");
  const result = await listSupportConnections(await getDb(), actor, filters);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      </header>
      {fromCustomerPage ? (
        <p
          role="status"
          className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-brand-900"
          data-testid="wizard-refused"
        >
          {t("fromCustomerPage")}
        </p>
      ) : null}
      <ConnectionList
        rows={result.rows}
        total={result.total}
        page={result.page}
        pageSize={result.pageSize}
        filters={{ status: filters.status, verdict: filters.verdict, health: filters.health, q: filters.q }}
      />
    </div>
  );
}
