import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { GuideHeader } from "@/components/guide/guide-header";
import { isLocale, LOCALES, type Locale } from "@/lib/i18n/config";
import "../../../globals.css";

/**
 * The provider guide's own root layout: the locale comes from the URL (not the cookie). Rendered
 * per request, so the firewall addresses it lists are the running server's configuration.
 */

type Params = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "guide" });
  const common = await getTranslations({ locale, namespace: "common" });
  return {
    title: `${t("meta.title")} · ${common("product")}`,
    description: t("meta.description"),
    alternates: { languages: Object.fromEntries(LOCALES.map((l) => [l, `/guide/${l}`])) },
  };
}

const guideHref = (l: Locale) => `/guide/${l}`;

export default async function GuideLayout({ children, params }: Params & { children: ReactNode }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const common = await getTranslations({ locale, namespace: "common" });
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="skip-link">
          {common("skipToContent")}
        </a>
        <NextIntlClientProvider>
          <GuideHeader locale={locale} hrefFor={guideHref} />
          <main id="main" className="mx-auto max-w-5xl px-4 py-8 print:max-w-none print:p-0">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
