import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { AnchoredHeading } from "./anchored-heading";
import { PortTable } from "./guide-ports";

export const STEP_IDS = ["s1", "s2", "s3", "s4", "s5", "s6"] as const;

/** The six steps, each with its own anchor (#step-1 … #step-6). */
export async function GuideSteps({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const anchor = t("steps.anchor");
  return (
    <section aria-labelledby="steps" className="guide-section screen-only space-y-4">
      <AnchoredHeading
        id="steps"
        level={2}
        title={t("steps.title")}
        anchorLabel={t("steps.sectionAnchor")}
        className="text-2xl font-bold tracking-tight text-brand-900"
      />
      <p className="text-slate-700">{t("steps.intro")}</p>
      <ol className="space-y-4">
        {STEP_IDS.map((s, i) => {
          const n = i + 1;
          const title = t(`steps.${s}.title`);
          return (
            <li
              key={s}
              className="avoid-break flex gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
            >
              <span
                aria-hidden="true"
                className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-brand-600 text-lg font-bold text-white print:border print:border-slate-900 print:bg-white print:text-slate-900"
              >
                {n}
              </span>
              <div className="min-w-0 flex-1 space-y-2">
                <AnchoredHeading
                  id={`step-${n}`}
                  level={3}
                  title={`${t("steps.label", { n })}: ${title}`}
                  anchorLabel={anchor}
                  className="text-lg font-semibold text-slate-900"
                >
                  <span className="block text-sm font-semibold uppercase tracking-wide text-brand-700">
                    {t("steps.label", { n })}
                  </span>
                  {title}
                </AnchoredHeading>
                <p className="text-slate-700">{t(`steps.${s}.body`)}</p>
                {s === "s4" ? <PortList locale={locale} /> : null}
                {s === "s4" || s === "s5" ? (
                  <p className="text-sm text-slate-700" data-testid={`test-call-proves-${n}`}>
                    {t(`steps.${s}.testCall`)}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

async function PortList({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  return (
    <>
      <PortTable locale={locale} />
      <p className="text-sm text-slate-600">{t("steps.s4.note")}</p>
    </>
  );
}
