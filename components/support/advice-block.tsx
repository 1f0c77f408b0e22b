import { useLocale, useTranslations } from "next-intl";
import { firewallInfo } from "@/lib/env";
import type { AdviceFacts, Locale } from "@/lib/verdicts/advice";
import { adviceFor } from "@/lib/verdicts/advice";
import { isVerdict, type WarningCode } from "@/lib/verdicts/codes";

/**
 * The verdict and warnings of one test, from the same source as the customer's advice, worded
 * for support staff: the text for whoever must act, "who" in neutral words. Server-rendered
 * (it reads the configured firewall addresses).
 */
export function AdviceBlock({
  verdict,
  warnings,
  facts,
}: {
  verdict: string | null;
  warnings: WarningCode[];
  facts: AdviceFacts;
}) {
  const t = useTranslations("support.advice");
  const locale: Locale = useLocale() === "nl" ? "nl" : "en";
  const options = { audience: "support" as const, firewall: firewallInfo() };
  const main = verdict && isVerdict(verdict) ? adviceFor(verdict, locale, facts, options) : null;
  return (
    <div className="space-y-3" data-testid="advice">
      {main ? (
        <div
          className={`rounded-md border p-4 ${main.code === "registered" ? "border-green-300 bg-green-50" : "border-red-300 bg-red-50"}`}
        >
          <h3 className="font-semibold">{main.title}</h3>
          <p className="mt-1 text-sm">{main.explanation}</p>
          <p className="mt-1 text-sm">
            <strong>{t("action")}</strong> {main.action}
          </p>
          {main.who !== "none" && (
            <p className="mt-1 text-xs text-slate-700">
              {t("whoActs")} {main.whoText}
            </p>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          {verdict ? t("unknownVerdict", { code: verdict }) : t("noTest")}
        </p>
      )}
      {warnings.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">{t("warnings", { count: warnings.length })}</h3>
          <ul className="mt-1 space-y-2">
            {warnings.map((w) => {
              const a = adviceFor(w, locale, facts, options);
              return (
                <li key={w} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
                  <strong>{a.title}</strong> — {a.explanation} <em>{a.action}</em>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
