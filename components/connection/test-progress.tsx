"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { inLadderOrder, StepRow } from "./test-ladder";
import type { useTestStream } from "./use-test-stream";

/** The current time, ticking once a second while mounted. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}
const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

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
  const { steps, startedAt, current } = stream;
  const now = useNow();
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
            <span className="font-medium">
              {current ? t("test.runningStep", { step: t(`steps.${current.name}`) }) : t("test.running")}
            </span>{" "}
            <span className="text-sm text-slate-700">
              {current
                ? t("test.stepElapsed", {
                    seconds: seconds(now - current.since),
                    limit: Math.round(current.limitMs / 1000),
                  })
                : t("test.elapsed", { seconds: seconds(now - startedAt) })}
            </span>
            <span className="block text-xs text-slate-600">
              {t("test.totalElapsed", { seconds: seconds(now - startedAt) })}
            </span>
          </span>
        </li>
      </ol>
    </section>
  );
}
