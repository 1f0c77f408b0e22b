"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ConnectionDto, TestSummaryDto } from "@/lib/connections/types";
import type { Verdict } from "@/lib/verdicts/codes";
import { CopyButton } from "./copy-button";
import { ErrorMessage } from "./error-message";
import { TestLadder } from "./test-ladder";
import { TestProgress } from "./test-progress";
import { providerMessage, TestResultExtras } from "./test-result";
import { TestVerdict } from "./test-verdict";
import { type StreamOutcome, useTestStream } from "./use-test-stream";

/** Verdicts the customer fixes by changing what they typed (the advice says what). */
const CHANGE_SETTINGS: ReadonlySet<Verdict> = new Set([
  "wrong_credentials",
  "unknown_user",
  "dns_failed",
  "blocked_target",
  "private_address",
  "protocol_error",
  "not_registrar",
]);

type Primary = "continue" | "change" | "provider" | "retest";

/** The one action that fits the result. */
export function primaryActionFor(test: TestSummaryDto): Primary {
  if (!test.current) return "retest";
  if (test.ok) return "continue";
  if (CHANGE_SETTINGS.has(test.verdict)) return "change";
  if (test.advice.verdict.who === "provider") return "provider";
  return "retest";
}

/**
 * Step 3: the live test. While it runs: the steps so far and the time taken. When it is done:
 * the verdict and its one fitting action first, then the ladder (collapsed), then the message
 * for the provider.
 */
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
  const stream = useTestStream(onOutcome);
  const { running, error, start } = stream;

  const run = useCallback(() => {
    setAnnouncement(t("test.running"));
    void start(connection.id);
  }, [start, connection.id, t]);

  useEffect(() => {
    if (!autoStart) return;
    onAutoStarted();
    run();
  }, [autoStart, onAutoStarted, run]);

  const result = running ? null : latest;
  const message = result ? providerMessage(t, result, connection, locale) : "";

  const retest = (variant: "primary" | "secondary") => (
    <Button key="retest" variant={variant} disabled={running} onClick={run}>
      {latest || error ? t("test.again") : t("test.start")}
    </Button>
  );
  const change = (variant: "primary" | "secondary") => (
    <Button key="change" variant={variant} onClick={props.onChangeSettings}>
      {t("test.changeSettings")}
    </Button>
  );

  let actions: React.ReactNode = null;
  let note: React.ReactNode = null;
  if (result) {
    const primary = primaryActionFor(result);
    if (primary === "continue") {
      actions = [
        <Button key="continue" onClick={props.onContinue}>
          {t("test.continue")}
        </Button>,
        props.onTestCall ? (
          <Button key="call" variant="secondary" onClick={props.onTestCall}>
            {t("test.testCall")}
          </Button>
        ) : null,
        retest("secondary"),
      ];
      note = <p className="text-slate-800">{t("test.nextAfterPass")}</p>;
    } else if (primary === "change") {
      // The engine refuses a credential the PBX rejected; offering to re-send it would be a lie.
      const rejected = result.verdict === "wrong_credentials";
      actions = rejected ? [change("primary")] : [change("primary"), retest("secondary")];
      if (rejected) note = <p className="text-sm text-slate-700">{t("test.sameCredentials")}</p>;
    } else if (primary === "provider") {
      actions = [
        <CopyButton
          key="copy"
          variant="primary"
          text={message}
          label={t("test.copyForProvider")}
          copiedLabel={t("test.copied")}
          failedLabel={t("start.copyFailed")}
        />,
        retest("secondary"),
        change("secondary"),
      ];
    } else {
      actions = [retest("primary"), change("secondary")];
    }
  }

  return (
    <div className="space-y-4 sm:space-y-6">
      <div aria-live="polite" role="status" className="sr-only">
        {announcement}
      </div>
      {running ? <TestProgress stream={stream} onAnnounce={setAnnouncement} /> : null}
      {!running && !latest ? (
        <div className="space-y-4">
          <p className="text-slate-800">{t("test.intro")}</p>
          {!error ? <p className="text-slate-800">{t("test.notTested")}</p> : null}
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {!running && !latest ? (
        <div className="no-print flex flex-wrap gap-3">
          {retest("primary")}
          {change("secondary")}
        </div>
      ) : null}
      {result ? (
        <>
          <TestVerdict test={result} locale={locale} actions={actions} note={note} />
          <TestLadder test={result} />
          <TestResultExtras test={result} message={message} />
        </>
      ) : null}
    </div>
  );
}
