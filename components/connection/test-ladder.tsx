"use client";
import { useTranslations } from "next-intl";
import type { StepDto, TestSummaryDto } from "@/lib/connections/types";
import { STEP_NAMES } from "@/lib/verdicts/codes";

const ICON: Record<StepDto["status"], string> = { pass: "✓", fail: "✗", warn: "!", skip: "–" };
const TONE: Record<StepDto["status"], string> = {
  pass: "text-emerald-700",
  fail: "text-red-700",
  warn: "text-amber-700",
  skip: "text-slate-600",
};

/** Steps in ladder order (the stream delivers them in finishing order). */
export function inLadderOrder(steps: readonly StepDto[]): StepDto[] {
  return [...steps].sort((a, b) => STEP_NAMES.indexOf(a.name) - STEP_NAMES.indexOf(b.name));
}

const PORT_STATE_KEY = {
  open: "test.portOpen",
  closed: "test.portClosed",
  filtered: "test.portFiltered",
  not_checked: "test.portNotChecked",
} as const;

export function StepRow({ step }: { step: StepDto }) {
  const t = useTranslations("wizard");
  // The ports step says which ports are open and which closed, not just "passed".
  const ports = step.ports?.filter((p) => p.state !== "not_checked");
  const outcome =
    ports && ports.length > 0
      ? ports.map((p) => `${p.port}/${p.transport.toUpperCase()} ${t(PORT_STATE_KEY[p.state])}`).join(" · ")
      : t(`stepStatus.${step.status}`);
  return (
    <li className="flex gap-3 rounded-md border border-slate-200 bg-white p-3" data-step={step.name}>
      <span aria-hidden="true" className={`w-5 text-center text-lg font-bold ${TONE[step.status]}`}>
        {ICON[step.status]}
      </span>
      <p className="min-w-0 flex-1 font-medium text-slate-900">
        {t(`steps.${step.name}`)}: <span className={TONE[step.status]}>{outcome}</span>{" "}
        <span className="text-sm font-normal text-slate-600">
          ({t("test.duration", { ms: Math.round(step.durationMs) })})
        </span>
      </p>
    </li>
  );
}

/**
 * The ladder under the verdict, collapsed: customers need the verdict, not the steps. What the
 * PBX said in SIP terms sits one level further down, under "Technical details".
 */
export function TestLadder({ test }: { test: TestSummaryDto }) {
  const t = useTranslations("wizard.test");
  const steps = inLadderOrder(test.steps);
  if (steps.length === 0) return null;
  return (
    <details className="rounded-md border border-slate-200 bg-slate-50" data-testid="ladder">
      <summary className="cursor-pointer px-4 py-3 font-semibold text-brand-700">
        {t("ladderSummary", { count: steps.length })}
      </summary>
      <div className="space-y-3 border-t border-slate-200 p-4">
        <ol className="space-y-2">
          {steps.map((s) => (
            <StepRow key={s.name} step={s} />
          ))}
        </ol>
        <details className="rounded-md border border-slate-200 bg-white" data-testid="technical-details">
          <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-slate-800">
            {t("technical")}
          </summary>
          <dl className="space-y-2 border-t border-slate-200 p-3 font-mono text-xs text-slate-800">
            {test.target ? (
              <div>
                <dt className="font-sans font-semibold">{t("techTarget")}</dt>
                <dd className="break-all">
                  {test.target.host} ({test.target.address}) :{test.target.port}{" "}
                  {test.target.transport.toUpperCase()}
                </dd>
              </div>
            ) : null}
            {test.sip ? (
              <div>
                <dt className="font-sans font-semibold">{t("techResponse")}</dt>
                <dd className="break-all">
                  {test.sip.statusCode} {test.sip.reason}
                  {test.sip.server ? ` · ${test.sip.server}` : ""}
                </dd>
              </div>
            ) : null}
            {steps
              .filter((s) => s.detail)
              .map((s) => (
                <div key={s.name}>
                  <dt className="font-sans font-semibold">{t("techStep", { step: s.name })}</dt>
                  <dd className="break-words">{s.detail}</dd>
                </div>
              ))}
          </dl>
        </details>
      </div>
    </details>
  );
}
