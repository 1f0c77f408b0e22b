import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { appOrigin } from "@/server/http/request";
import { PortTable } from "./guide-ports";
import { STEP_IDS } from "./guide-steps";

/**
 * What the guide prints: a handover of at most two A4 pages — the six steps as a checklist, the
 * ports with our addresses, a box to write the three details in, and where the full guide lives.
 * Hidden on screen; the screen sections are hidden on paper (guide.css).
 */
export async function GuideHandover({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const url = `${await appOrigin()}/guide/${locale}`;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date());
  const fields = [
    { key: "username", label: t("credentials.username.label") },
    { key: "password", label: t("credentials.password.label"), note: t("handover.passwordNote") },
    { key: "domain", label: t("credentials.domain.label"), note: t("handover.domainNote") },
    { key: "auth", label: t("handover.authLabel"), note: t("handover.optional") },
  ];
  return (
    <section className="print-only handover" aria-label={t("handover.title")} data-testid="handover">
      <h1 className="text-xl font-bold">{t("handover.title")}</h1>
      <p className="text-sm">{t("handover.intro")}</p>
      <h2 className="mt-3 text-base font-bold">{t("handover.checklist")}</h2>
      <ol className="mt-1 space-y-1.5">
        {STEP_IDS.map((s, i) => (
          <li key={s} className="avoid-break flex gap-2 text-sm">
            <span
              aria-hidden="true"
              className="mt-0.5 inline-block h-3.5 w-3.5 shrink-0 border border-slate-900"
            />
            <span>
              <strong>
                {t("steps.label", { n: i + 1 })}: {t(`steps.${s}.title`)}.
              </strong>{" "}
              {t(`steps.${s}.body`)}
            </span>
          </li>
        ))}
      </ol>
      <h2 className="mt-3 text-base font-bold">{t("steps.s4.caption")}</h2>
      <div className="mt-1 text-sm">
        <PortTable locale={locale} testId="print-port-table" />
      </div>
      <h2 className="mt-3 text-base font-bold">{t("handover.detailsTitle")}</h2>
      <table className="avoid-break mt-1 w-full border-collapse text-sm" data-testid="fill-in">
        <tbody>
          {fields.map((f) => (
            <tr key={f.key}>
              <th scope="row" className="w-44 border border-slate-900 px-2 py-2.5 text-left align-top">
                {f.label}
                {f.note ? <span className="block text-xs font-normal">{f.note}</span> : null}
              </th>
              <td className="border border-slate-900 px-2 py-2.5" />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs">{t("handover.footer", { url, date })}</p>
    </section>
  );
}
