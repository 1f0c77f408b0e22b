import { getTranslations } from "next-intl/server";
import { firewallInfo } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { type Advice, allAdvice, type Responsible } from "@/lib/verdicts/advice";
import { AnchoredHeading } from "./anchored-heading";

const WHO_STYLE: Record<Responsible, string> = {
  customer: "bg-sky-100 text-sky-900",
  provider: "bg-amber-100 text-amber-950",
  either: "bg-violet-100 text-violet-900",
  none: "bg-emerald-100 text-emerald-900",
};

/**
 * Every verdict and warning with the engine's own advice (lib/verdicts/advice.ts), in the words
 * written to the provider: one source for the texts, so the guide never disagrees with what the
 * customer was told. On screen only; the printout is the one-page handover.
 */
export async function GuideTroubleshooting({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const { verdicts, warnings } = allAdvice(locale, { audience: "provider", firewall: firewallInfo() });
  const anchor = t("steps.sectionAnchor");
  const labels = { action: t("troubleshooting.action"), who: t("troubleshooting.who.label") };
  return (
    <section aria-labelledby="troubleshooting" className="guide-section screen-only space-y-4">
      <AnchoredHeading
        id="troubleshooting"
        level={2}
        title={t("troubleshooting.title")}
        anchorLabel={anchor}
        className="text-2xl font-bold tracking-tight text-brand-900"
      />
      <p className="text-slate-700">{t("troubleshooting.intro")}</p>
      <h3 className="pt-2 text-xl font-semibold text-slate-900">{t("troubleshooting.verdicts")}</h3>
      <AdviceList items={verdicts} prefix="verdict" labels={labels} anchor={anchor} />
      <h3 className="pt-2 text-xl font-semibold text-slate-900">{t("troubleshooting.warnings")}</h3>
      <AdviceList items={warnings} prefix="warning" labels={labels} anchor={anchor} />
    </section>
  );
}

function AdviceList({
  items,
  prefix,
  labels,
  anchor,
}: {
  items: Advice[];
  prefix: "verdict" | "warning";
  labels: { action: string; who: string };
  anchor: string;
}) {
  return (
    <ul className="grid gap-3 md:grid-cols-2">
      {items.map((a) => (
        <li
          key={a.code}
          data-code={a.code}
          className="avoid-break rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <AnchoredHeading
            id={`${prefix}-${a.code}`}
            level={3}
            title={a.title}
            anchorLabel={anchor}
            className="font-semibold text-slate-900"
          />
          <p className="mt-1">
            <span className="sr-only">{labels.who}: </span>
            <span
              className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${WHO_STYLE[a.who]}`}
            >
              {a.whoText}
            </span>
          </p>
          <p className="mt-2 text-sm text-slate-700">{a.explanation}</p>
          <p className="mt-2 text-sm text-slate-900">
            <span className="font-semibold">{labels.action}: </span>
            {a.action}
          </p>
        </li>
      ))}
    </ul>
  );
}
