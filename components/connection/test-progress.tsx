"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { inLadderOrder, StepRow } from "./test-ladder";
import type { useTestStream } from "./use-test-stream";

/** Whole seconds since `since`, ticking once a second while mounted. */
function useElapsedSeconds(since: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return Math.max(0, Math.floor((now - since) / 1000));
}

/**
 * A running test: the steps finished so far (in ladder order), then the step now running with
 * the time it has taken. Finished steps are announced one by one; the list itself is not live.
 */
export function TestProgress({
  stream,
  onAnnounce,
}: {
  stream: ReturnType<typeof useTestStream>;
  onAnnounce: (text: string) => void;
}) {
  const t = useTranslations("wizard");
  const { steps, startedAt } = stream;
  const elapsed = useElapsedSeconds(startedAt);
  const last = steps[steps.length - 1];
  useEffect(() => {
    if (last)
      onAnnounce(
        t("test.announce", { step: t(`steps.${last.name}`), status: t(`stepStatus.${last.status}`) }),
      );
  }, [last, onAnnounce, t]);
  return (
    <section aria-labelledby="progress-heading" className="space-y-3" data-testid="test-progress">
      <h3 id="progress-heading" className="text-lg font-semibold text-slate-900">
        {t("test.progressHeading")}
      </h3>
      <ol className="space-y-2" aria-busy="true">
        {inLadderOrder(steps).map((s) => (
          <StepRow key={s.name} step={s} />
        ))}
        <li
          className="flex gap-3 rounded-md border border-dashed border-brand-600 bg-brand-50 p-3 text-slate-900"
          data-testid="running-step"
        >
          <span aria-hidden="true" className="w-5 animate-pulse text-center font-bold text-brand-700">
            …
          </span>
          <span className="min-w-0 flex-1">
            <span className="font-medium">{t("test.running")}</span>{" "}
            <span className="text-sm text-slate-700">{t("test.elapsed", { seconds: elapsed })}</span>
          </span>
        </li>
      </ol>
    </section>
  );
}
