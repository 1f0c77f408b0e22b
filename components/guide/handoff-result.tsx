"use client";
import { useTranslations } from "next-intl";
import type { TestSummaryDto } from "@/lib/connections/types";
import type { Advice } from "@/lib/verdicts/advice";

function AdviceBlock({
  advice,
  tone,
  whatToDo,
  whoLabel,
}: {
  advice: Advice;
  tone: "ok" | "bad" | "warn";
  whatToDo: string;
  whoLabel: string;
}) {
  const border =
    tone === "ok" ? "border-emerald-600" : tone === "bad" ? "border-red-700" : "border-amber-500";
  return (
    <div className={`space-y-1 border-l-4 ${border} pl-4`}>
      <p className="text-lg font-semibold text-slate-900">{advice.title}</p>
      <p className="text-slate-800">{advice.explanation}</p>
      {advice.action ? (
        <p className="text-slate-800">
          <span className="font-semibold">{whatToDo}: </span>
          {advice.action}
        </p>
      ) : null}
      {advice.who !== "none" ? (
        <p className="text-slate-800">
          <span className="font-semibold">{whoLabel}: </span>
          {advice.whoText}
        </p>
      ) : null}
    </div>
  );
}

/** A finished test as the provider (and the customer's handoff overview) sees it. */
export function HandoffResult({
  test,
  orgName,
  attemptsLeft = 0,
}: {
  test: TestSummaryDto;
  orgName?: string;
  attemptsLeft?: number;
}) {
  const t = useTranslations("guide.handoff");
  const tw = useTranslations("wizard.test");
  return (
    <div
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="handoff-result"
    >
      <h3 className="text-lg font-semibold text-slate-900">{t("form.resultTitle")}</h3>
      <AdviceBlock
        advice={test.advice.verdict}
        tone={test.ok ? "ok" : "bad"}
        whatToDo={t("form.whatToDo")}
        whoLabel={tw("whoLabel")}
      />
      {test.advice.warnings.map((w) => (
        <AdviceBlock
          key={w.code}
          advice={w}
          tone="warn"
          whatToDo={t("form.whatToDo")}
          whoLabel={tw("whoLabel")}
        />
      ))}
      {orgName ? (
        <p className="rounded-md bg-slate-50 p-3 text-slate-800">
          {test.ok
            ? t("form.passed", { org: orgName })
            : attemptsLeft > 0
              ? t("form.failed", { org: orgName, left: attemptsLeft })
              : t("form.failedLast", { org: orgName })}
        </p>
      ) : null}
    </div>
  );
}
