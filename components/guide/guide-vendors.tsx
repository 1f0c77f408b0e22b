import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { AnchoredHeading } from "./anchored-heading";

export const VENDORS = [
  { key: "threecx", id: "vendor-3cx" },
  { key: "freepbx", id: "vendor-freepbx" },
  { key: "yeastar", id: "vendor-yeastar" },
  { key: "grandstream", id: "vendor-grandstream" },
  { key: "generic", id: "vendor-generic" },
] as const;
const TOPICS = ["where", "auth", "remote", "blocklist", "nat"] as const;

/** Per-PBX notes on the settings that most often stop an AI Colleague from registering. */
export async function GuideVendors({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const anchor = t("steps.sectionAnchor");
  return (
    <section aria-labelledby="vendors" className="guide-section page-break space-y-4">
      <AnchoredHeading
        id="vendors"
        level={2}
        title={t("vendors.title")}
        anchorLabel={anchor}
        className="text-2xl font-bold tracking-tight text-brand-900"
      />
      <p className="text-slate-700">{t("vendors.intro")}</p>
      <div className="space-y-4">
        {VENDORS.map((v) => (
          <article
            key={v.key}
            className="avoid-break rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
          >
            <AnchoredHeading
              id={v.id}
              level={3}
              title={t(`vendors.${v.key}.name`)}
              anchorLabel={anchor}
              className="text-lg font-semibold text-slate-900"
            />
            <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
              {TOPICS.map((topic) => (
                <div key={topic} className="contents">
                  <dt className="text-sm font-semibold text-slate-900">{t(`vendors.topics.${topic}`)}</dt>
                  <dd className="text-sm text-slate-700">{t(`vendors.${v.key}.${topic}`)}</dd>
                </div>
              ))}
            </dl>
          </article>
        ))}
      </div>
    </section>
  );
}
