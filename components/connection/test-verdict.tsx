"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { TestSummaryDto } from "@/lib/connections/types";
import type { Advice } from "@/lib/verdicts/advice";
import { formatDateTime } from "./format";

const TONE = {
  ok: "border-emerald-600 bg-emerald-50",
  bad: "border-red-700 bg-red-50",
  warn: "border-amber-500 bg-amber-50",
} as const;

/** One piece of advice: title, what happened, what to do, who acts. */
export function AdviceBlock({
  advice,
  tone,
  titleTestId,
  level = 4,
}: {
  /** A registration verdict's or a test call's advice: both carry these. */
  advice: Pick<Advice, "title" | "explanation" | "action" | "who" | "whoText">;
  tone: keyof typeof TONE;
  titleTestId?: string;
  level?: 3 | 4;
}) {
  const t = useTranslations("wizard.test");
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <div className={`space-y-2 rounded-md border-l-4 p-3 sm:p-4 ${TONE[tone]}`}>
      <Heading
        className={level === 3 ? "text-xl font-bold text-slate-900" : "text-lg font-semibold text-slate-900"}
        data-testid={titleTestId}
      >
        {advice.title}
      </Heading>
      <p className="text-slate-800">{advice.explanation}</p>
      {advice.who !== "none" ? (
        <dl className="grid gap-1 text-slate-800 sm:grid-cols-[max-content_1fr] sm:gap-x-4">
          <div className="sm:contents">
            <dt className="font-semibold">{t("whatToDo")}</dt>
            <dd>{advice.action}</dd>
          </div>
          {/* One line on a phone: "Who needs to act: You". */}
          <div className="flex flex-wrap gap-x-1 sm:contents">
            <dt className="font-semibold">
              {t("whoLabel")}
              <span className="sm:hidden">:</span>
            </dt>
            <dd>{advice.whoText}</dd>
          </div>
        </dl>
      ) : advice.action ? (
        <p className="text-slate-800">{advice.action}</p>
      ) : null}
    </div>
  );
}

/**
 * The result first: the verdict with its advice and the one action that fits it (`actions`),
 * above everything technical.
 */
export function TestVerdict({
  test,
  locale,
  actions,
  note,
}: {
  test: TestSummaryDto;
  locale: string;
  actions: ReactNode;
  note?: ReactNode;
}) {
  const t = useTranslations("wizard");
  return (
    <section aria-labelledby="verdict-heading" className="space-y-3" data-testid="verdict">
      <h3 id="verdict-heading" className="sr-only">
        {t("test.verdictHeading")}
      </h3>
      {!test.current ? (
        <p className="rounded-md bg-amber-50 p-3 font-medium text-amber-900">{t("test.stale")}</p>
      ) : null}
      <AdviceBlock advice={test.advice.verdict} tone={test.ok ? "ok" : "bad"} titleTestId="verdict-title" />
      <div className="no-print flex flex-wrap gap-3">{actions}</div>
      {note}
      <p className="text-sm text-slate-600">
        {t("test.testedOn", { date: formatDateTime(test.finishedAt, locale) })}
        {test.pbxProduct ? ` · ${t("test.pbx", { product: test.pbxProduct })}` : ""}
      </p>
    </section>
  );
}
