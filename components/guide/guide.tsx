import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/config";
import { GuideCustomerView } from "./guide-customer-view";
import { GuideHandover } from "./guide-handover";
import { GuideIntro } from "./guide-intro";
import { GuideSteps } from "./guide-steps";
import { GuideToc } from "./guide-toc";
import { GuideTroubleshooting } from "./guide-troubleshooting";
import { GuideVendors } from "./guide-vendors";
import "./guide.css";

/**
 * The whole provider guide. `banner` goes above the content (a handoff page names the customer
 * there); `customerView` replaces the read-only form preview (a handoff page puts the live form).
 */
export async function Guide({
  locale,
  banner,
  customerView,
}: {
  locale: Locale;
  banner?: ReactNode;
  customerView?: { title: string; intro: string; content: ReactNode };
}) {
  const t = await getTranslations({ locale, namespace: "guide" });
  return (
    <article className="guide" data-testid="guide">
      <GuideHandover locale={locale} />
      <div className="screen-only space-y-10">
        <header className="space-y-4">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("hero.eyebrow")}</p>
          <h1 className="text-3xl font-bold tracking-tight text-brand-900 sm:text-4xl">{t("hero.title")}</h1>
          <p className="max-w-3xl text-lg text-slate-700">{t("hero.lead")}</p>
        </header>
        {banner}
        <GuideToc locale={locale} />
        <GuideIntro locale={locale} />
        <GuideSteps locale={locale} />
        <GuideCustomerView locale={locale} title={customerView?.title} intro={customerView?.intro}>
          {customerView?.content}
        </GuideCustomerView>
        <GuideTroubleshooting locale={locale} />
        <GuideVendors locale={locale} />
        <footer className="border-t border-slate-200 pt-6 text-sm text-slate-600">
          {t("footer.questions")}
        </footer>
      </div>
    </article>
  );
}
