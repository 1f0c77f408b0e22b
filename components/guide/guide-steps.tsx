import { getTranslations } from "next-intl/server";
import type { AppLocale } from "@/lib/i18n/config";
import { AnchoredHeading } from "./anchored-heading";

export const STEP_IDS = ["s1", "s2", "s3", "s4", "s5", "s6"] as const;

/** The six steps, each with its own anchor (#step-1 … #step-6). */
export async function GuideSteps({ locale }: { locale: AppLocale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const anchor = t("steps.anchor");
  return (
    <section aria-labelledby="steps" className="guide-section space-y-4">
      <AnchoredHeading
        id="steps"
        level={2}
        title={t("steps.title")}
        anchorLabel={anchor}
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

async function PortList({ locale }: { locale: AppLocale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const rows = [
    { key: "signalling", port: "5060" },
    { key: "tls", port: "5061" },
    { key: "rtp", port: "10000–20000" },
  ] as const;
  const th = "px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
  return (
    <>
      <div className="overflow-x-auto rounded-md border border-slate-200">
        <table className="w-full text-left" data-testid="port-table">
          <caption className="sr-only">{t("steps.s4.caption")}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                {t("steps.s4.columns.port")}
              </th>
              <th scope="col" className={th}>
                {t("steps.s4.columns.protocol")}
              </th>
              <th scope="col" className={th}>
                {t("steps.s4.columns.purpose")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((r) => (
              <tr key={r.key}>
                <th
                  scope="row"
                  className="whitespace-nowrap px-4 py-2 font-mono font-semibold text-slate-900"
                >
                  {r.port}
                </th>
                <td className="whitespace-nowrap px-4 py-2 text-sm font-medium text-slate-700">
                  {t(`steps.s4.${r.key}.proto`)}
                </td>
                <td className="px-4 py-2 text-slate-700">{t(`steps.s4.${r.key}.purpose`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-600">{t("steps.s4.note")}</p>
    </>
  );
}
