import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SipAccountFieldsPreview } from "@/components/connection/sip-account-fields";
import type { Locale } from "@/lib/i18n/config";
import { AnchoredHeading } from "./anchored-heading";

/**
 * The customer's real SIP form, rendered read-only (the same component the wizard uses, not a
 * picture), so the provider sees exactly which fields their details go into. `children` replaces
 * the preview, e.g. with the live form on a handoff page.
 */
export async function GuideCustomerView({
  locale,
  title,
  intro,
  children,
}: {
  locale: Locale;
  /** Overrides for a handoff page, where this section holds the live form. */
  title?: string;
  intro?: string;
  children?: ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "guide" });
  return (
    <section aria-labelledby="customer-view" className="guide-section space-y-4">
      <AnchoredHeading
        id="customer-view"
        level={2}
        title={title ?? t("customerView.title")}
        anchorLabel={t("steps.sectionAnchor")}
        className="text-2xl font-bold tracking-tight text-brand-900"
      />
      <p className="text-slate-700">{intro ?? t("customerView.intro")}</p>
      {children ?? (
        <figure className="avoid-break max-w-2xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <div data-testid="sip-form-preview">
            <SipAccountFieldsPreview />
          </div>
          <figcaption className="mt-4 border-t border-slate-200 pt-3 text-sm text-slate-600">
            {t("customerView.caption")}
          </figcaption>
        </figure>
      )}
    </section>
  );
}
