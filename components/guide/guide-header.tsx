import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { LanguageLinks } from "./language-links";
import { PrintButton } from "./print-button";

/** The guide's own header: home, language and print. Hidden when printing. */
export async function GuideHeader({
  locale,
  hrefFor,
}: {
  locale: Locale;
  hrefFor: (locale: Locale) => string;
}) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const common = await getTranslations({ locale, namespace: "common" });
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-900" aria-label={t("header.home")}>
          {common("product")}
        </Link>
        <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-brand-700">
          {t("header.label")}
        </span>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <LanguageLinks current={locale} label={t("header.language")} hrefFor={hrefFor} />
          <PrintButton label={t("header.print")} />
        </div>
      </div>
    </header>
  );
}
