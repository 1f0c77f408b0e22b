import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/language-switcher";
import { HANDOFF_CLIENT_MESSAGES, pickMessages } from "@/lib/i18n/client-messages";
import { viewerLocale } from "@/server/connections/page-data";
import "../../../globals.css";

/** The provider's handoff pages: rendered per request, in the cookie or browser language. */
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await viewerLocale();
  const t = await getTranslations({ locale, namespace: "guide" });
  const common = await getTranslations({ locale, namespace: "common" });
  return {
    title: `${t("handoff.meta.title")} · ${common("product")}`,
    // The token is in the URL: never send it on to another site, never index it.
    referrer: "no-referrer",
    robots: { index: false, follow: false },
  };
}

export default async function HandoffLayout({ children }: { children: ReactNode }) {
  const locale = await viewerLocale();
  const common = await getTranslations({ locale, namespace: "common" });
  const t = await getTranslations({ locale, namespace: "guide" });
  const clientMessages = pickMessages(await getMessages({ locale }), HANDOFF_CLIENT_MESSAGES);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="skip-link">
          {common("skipToContent")}
        </a>
        <NextIntlClientProvider messages={clientMessages}>
          <header className="no-print border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
              <Link href="/" className="text-lg font-bold text-brand-900">
                {common("product")}
              </Link>
              <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-brand-700">
                {t("handoff.header.label")}
              </span>
              <div className="ml-auto">
                <LanguageSwitcher current={locale} label={common("language")} />
              </div>
            </div>
          </header>
          <main id="main" className="mx-auto max-w-5xl px-4 py-8 print:max-w-none print:p-0">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
