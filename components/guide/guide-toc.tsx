import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { STEP_IDS } from "./guide-steps";

/** Table of contents. It is navigation, so it is left out of the printout. */
export async function GuideToc({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const top = [
    { id: "purpose", label: t("purpose.title") },
    { id: "sip-vs-user", label: t("accounts.title") },
    { id: "credentials", label: t("credentials.title") },
  ];
  const after = [
    { id: "customer-view", label: t("customerView.title") },
    { id: "troubleshooting", label: t("troubleshooting.title") },
    { id: "vendors", label: t("vendors.title") },
  ];
  const link = "text-brand-700 underline-offset-2 hover:underline";
  return (
    <nav
      aria-label={t("toc.label")}
      className="no-print rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">{t("toc.label")}</h2>
      <ol className="mt-3 gap-x-8 space-y-1.5 text-sm sm:columns-2 [&>li]:break-inside-avoid">
        {top.map((i) => (
          <li key={i.id}>
            <a className={link} href={`#${i.id}`}>
              {i.label}
            </a>
          </li>
        ))}
        <li>
          <a className={link} href="#steps">
            {t("steps.title")}
          </a>
          <ol className="mt-1 space-y-1 border-l border-slate-200 pl-3">
            {STEP_IDS.map((s, i) => (
              <li key={s}>
                <a className={link} href={`#step-${i + 1}`}>
                  {t("steps.label", { n: i + 1 })}: {t(`steps.${s}.title`)}
                </a>
              </li>
            ))}
          </ol>
        </li>
        {after.map((i) => (
          <li key={i.id}>
            <a className={link} href={`#${i.id}`}>
              {i.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
