"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ConnectionDto, StepDto, TestSummaryDto } from "@/lib/connections/types";
import { ErrorMessage } from "./error-message";
import { TestResult } from "./test-result";
import { type StreamOutcome, useTestStream } from "./use-test-stream";

const ICON: Record<StepDto["status"], string> = { pass: "✓", fail: "✗", warn: "!", skip: "–" };
const TONE: Record<StepDto["status"], string> = {
  pass: "text-emerald-700",
  fail: "text-red-700",
  warn: "text-amber-700",
  skip: "text-slate-500",
};

/** Step 3: the live test. Steps appear as the server finishes them, then the verdict. */
export function StepTest(props: {
  connection: ConnectionDto;
  latest: TestSummaryDto | null;
  locale: string;
  autoStart: boolean;
  onAutoStarted: () => void;
  onResult: (test: TestSummaryDto, c: ConnectionDto, canActivate: boolean) => void;
  onChangeSettings: () => void;
  onContinue: () => void;
  /** The optional test call between the test and activation. */
  onTestCall?: () => void;
}) {
  const { connection, latest, locale, autoStart, onAutoStarted, onResult } = props;
  const t = useTranslations("wizard");
  const [announcement, setAnnouncement] = useState("");
  const onOutcome = useCallback(
    (o: StreamOutcome) => {
      onResult(o.test, o.connection, o.canActivate);
      setAnnouncement(t("test.done", { title: o.test.advice.verdict.title }));
    },
    [onResult, t],
  );
  const { running, steps, error, start } = useTestStream(onOutcome);

  const run = useCallback(() => {
    setAnnouncement(t("test.running"));
    void start(connection.id);
  }, [start, connection.id, t]);

  useEffect(() => {
    if (!autoStart) return;
    onAutoStarted();
    run();
  }, [autoStart, onAutoStarted, run]);

  // Announce each finished step (the list itself is not live, so nothing is read twice).
  const last = steps[steps.length - 1];
  useEffect(() => {
    if (last)
      setAnnouncement(
        t("test.announce", { step: t(`steps.${last.name}`), status: t(`stepStatus.${last.status}`) }),
      );
  }, [last, t]);

  const shownSteps = running || steps.length > 0 ? steps : (latest?.steps ?? []);
  const result = running ? null : latest;
  const passed = result?.ok === true && result.current;

  return (
    <div className="space-y-6">
      <p className="text-slate-800">{t("test.intro")}</p>
      <div aria-live="polite" role="status" className="sr-only">
        {announcement}
      </div>

      {shownSteps.length > 0 || running ? (
        <div className="space-y-2">
          <h3 className="text-lg font-semibold text-slate-900">{t("test.stepsLabel")}</h3>
          <ol className="space-y-2" aria-busy={running}>
            {shownSteps.map((s) => (
              <li
                key={`${s.name}:${s.status}:${s.durationMs}`}
                className="flex gap-3 rounded-md border border-slate-200 p-3"
              >
                <span aria-hidden="true" className={`w-5 text-center text-lg font-bold ${TONE[s.status]}`}>
                  {ICON[s.status]}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">
                    {t(`steps.${s.name}`)}:{" "}
                    <span className={TONE[s.status]}>{t(`stepStatus.${s.status}`)}</span>{" "}
                    <span className="text-sm font-normal text-slate-600">
                      ({t("test.duration", { ms: Math.round(s.durationMs) })})
                    </span>
                  </p>
                  {s.detail ? <p className="break-words text-sm text-slate-700">{s.detail}</p> : null}
                </div>
              </li>
            ))}
            {running ? (
              <li className="flex gap-3 rounded-md border border-dashed border-slate-300 p-3 text-slate-700">
                <span aria-hidden="true" className="w-5 animate-pulse text-center">
                  …
                </span>
                {t("test.running")}
              </li>
            ) : null}
          </ol>
        </div>
      ) : null}

      {!running && !latest && !error ? <p className="text-slate-800">{t("test.notTested")}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {result ? <TestResult test={result} connection={connection} locale={locale} /> : null}

      <div className="no-print flex flex-wrap gap-3">
        {passed ? <Button onClick={props.onContinue}>{t("test.continue")}</Button> : null}
        {passed && props.onTestCall ? (
          <Button variant="secondary" onClick={props.onTestCall}>
            {t("test.testCall")}
          </Button>
        ) : null}
        <Button variant={passed ? "secondary" : "primary"} disabled={running} onClick={run}>
          {running ? t("test.running") : latest || error ? t("test.again") : t("test.start")}
        </Button>
        <Button variant="secondary" onClick={props.onChangeSettings}>
          {t("test.changeSettings")}
        </Button>
      </div>
    </div>
  );
}
