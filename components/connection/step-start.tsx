"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ProviderHandoffEntry } from "./provider-handoff-entry";
import { ShareLink } from "./share-link";

/**
 * Step 1: what a SIP account is (and is not), a way to hand the guide to the provider, and a
 * one-time link so the provider can enter the account themselves.
 */
export function StepStart({
  guideUrl,
  connectionId,
  defaultLabel,
  onContinue,
}: {
  guideUrl: string;
  connectionId: string | null;
  defaultLabel: string;
  onContinue: () => void;
}) {
  const t = useTranslations("wizard.start");
  return (
    <div className="space-y-6">
      <p className="text-slate-800">{t("what")}</p>
      <Button onClick={onContinue}>{t("continue")}</Button>
      <div className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-4">
        <h3 className="font-semibold text-slate-900">{t("isNotTitle")}</h3>
        <p className="mt-1 text-slate-800">{t("isNot")}</p>
      </div>
      <div>
        <h3 className="font-semibold text-slate-900">{t("needTitle")}</h3>
        <ul className="mt-2 list-disc space-y-1 pl-6 text-slate-800">
          <li>{t("need1")}</li>
          <li>{t("need2")}</li>
          <li>{t("need3")}</li>
        </ul>
      </div>
      <div className="space-y-3 rounded-md border border-slate-200 p-4">
        <h3 className="font-semibold text-slate-900">{t("sendTitle")}</h3>
        <p className="text-slate-800">{t("sendIntro")}</p>
        <p>
          <a href="/guide" className="font-semibold text-brand-700 underline" target="_blank" rel="noopener">
            {t("guideLink")}
          </a>{" "}
          <code className="break-all text-sm text-slate-700">{guideUrl}</code>
        </p>
        <ShareLink
          url={guideUrl}
          mail={{ subject: t("mailSubject"), body: t("mailBody", { link: guideUrl }) }}
          labels={{ copy: t("copyLink"), copied: t("copied"), copyFailed: t("copyFailed"), mail: t("mail") }}
        />
      </div>
      <ProviderHandoffEntry connectionId={connectionId} defaultLabel={defaultLabel} />
    </div>
  );
}
