"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { EARLIER_CALLS } from "@/lib/calls/earlier";
import type { EarlierCallDto } from "@/lib/calls/types";
import type { ConnectionDto, TestSummaryDto, WizardData } from "@/lib/connections/types";
import { formValuesOf } from "./format";
import { handoffPath } from "./provider-handoff-entry";
import type { SipFormValues } from "./sip-account-fields";
import { isFailingLive } from "./status-badge";
import { StepActivate } from "./step-activate";
import { StepStart } from "./step-start";
import { StepTest } from "./step-test";
import { STEPS, type StepKey } from "./steps";

// Step 2 brings react-hook-form: its own chunk, fetched in the background once the wizard is up
// (React.lazy rather than next/dynamic, whose runtime would cost ~2 kB of first-load JS itself).
const loadCredentialsForm = () => import("./credentials-form");
const CredentialsForm = lazy(loadCredentialsForm);
// The test call step (its stream reader and the earlier calls) likewise: most visits never open it.
const loadStepCall = () => import("./step-call").then((m) => ({ default: m.StepCall }));
const StepCall = lazy(loadStepCall);
function Loading() {
  const t = useTranslations("wizard");
  return <p className="text-slate-700">{t("loading")}</p>;
}

const EMPTY: SipFormValues = {
  label: "AI Colleague",
  sipUsername: "",
  sipPassword: "",
  sipDomain: "",
  authUsername: "",
  transport: "auto",
  port: "",
  outboundProxy: "",
};

/**
 * The customer wizard: before you start → SIP account → live test → activate. What was typed is
 * kept here, above the steps, so moving between steps (or a failed test) never loses it.
 */
export function Wizard({
  initial,
  initialStep,
  guideUrl,
  locale,
  earlierCalls = [],
}: {
  initial: WizardData | null;
  initialStep: StepKey;
  guideUrl: string;
  locale: string;
  /** The connection's latest test calls, newest first (server/calls/history.ts). */
  earlierCalls?: EarlierCallDto[];
}) {
  const t = useTranslations("wizard");
  const [step, setStep] = useState<StepKey>(initialStep);
  const [connection, setConnection] = useState<ConnectionDto | null>(initial?.connection ?? null);
  const [latest, setLatest] = useState<TestSummaryDto | null>(initial?.latest ?? null);
  const [canActivate, setCanActivate] = useState(initial?.canActivate ?? false);
  const [autoStart, setAutoStart] = useState(false);
  const [calls, setCalls] = useState<EarlierCallDto[]>(earlierCalls);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // What was typed in step 2, kept while another step is shown ("nothing typed is lost").
  const typed = useRef<SipFormValues>(initial ? formValuesOf(initial.connection) : EMPTY);
  const keepTyped = useCallback((v: SipFormValues) => {
    typed.current = v;
  }, []);

  useEffect(() => {
    void loadCredentialsForm();
    void loadStepCall();
  }, []);

  const go = (next: StepKey) => {
    setStep(next);
    // Keyboard and screen-reader users land on the new step's heading, not at the page top.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const onSaved = (c: ConnectionDto, intent: "draft" | "test") => {
    const credentialsChanged = connection !== null && connection.credentialRevision !== c.credentialRevision;
    if (connection === null) window.history.replaceState(null, "", `/connections/${c.id}`);
    setConnection(c);
    typed.current = formValuesOf(c);
    if (credentialsChanged) {
      setCanActivate(false);
      setLatest((l) => (l ? { ...l, current: false } : l));
    }
    if (intent === "test") {
      setAutoStart(true);
      go("test");
    }
  };

  const reachable = (s: StepKey) => s === "start" || s === "credentials" || connection !== null;
  // A step is done when what it asks for is in place, whichever step is shown now.
  const done: Record<StepKey, boolean> = {
    start: connection !== null || step !== "start",
    credentials: connection !== null && connection.passwordSavedAt !== null && connection.sipDomain !== "",
    test: latest?.ok === true && latest.current,
    // Optional; its result lives on the call step itself.
    call: false,
    activate: connection?.status === "active",
  };
  const index = STEPS.indexOf(step);
  const title = connection ? connection.label : t("title.new");

  return (
    <div className="space-y-4 sm:space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-brand-900 sm:text-3xl">{title}</h1>
        {connection ? (
          <Link
            href={handoffPath(connection.id)}
            className="no-print text-sm font-semibold text-brand-700 underline"
            data-testid="handoff-link"
          >
            {t("handoffEntry.header")}
          </Link>
        ) : null}
      </div>
      {connection && isFailingLive(connection, latest) && latest ? (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-md border border-amber-500 bg-amber-50 p-4 text-amber-950"
          data-testid="failing-banner"
        >
          <p className="min-w-0 flex-1 font-medium">
            <span aria-hidden="true">⚠ </span>
            {t("activeFailing.banner", { title: latest.advice.verdict.title })}
          </p>
          {step !== "test" ? (
            <button type="button" className="font-semibold underline" onClick={() => go("test")}>
              {t("activeFailing.goTest")}
            </button>
          ) : null}
        </div>
      ) : null}
      <nav aria-label={t("stepper.label")} className="no-print">
        <ol className="grid grid-cols-5 gap-1 sm:gap-2">
          {STEPS.map((s, i) => {
            const current = s === step;
            const base =
              "flex h-full w-full flex-col break-words rounded-md border px-1 py-1 text-left text-[11px] leading-tight sm:px-3 sm:py-2 sm:text-sm";
            const inner = (
              <>
                <span className="hidden text-xs uppercase tracking-wide text-slate-600 sm:block">
                  {t("stepper.stepOf", { n: i + 1, total: STEPS.length })}
                </span>
                <span className="font-semibold">
                  {done[s] ? (
                    <span aria-hidden="true" className="block text-emerald-700 sm:mr-1 sm:inline">
                      ✓
                    </span>
                  ) : null}
                  {t(`stepper.${s}`)}
                  {done[s] ? <span className="sr-only"> ({t("stepper.done")})</span> : null}
                </span>
              </>
            );
            return (
              <li key={s}>
                {current ? (
                  <span aria-current="step" className={`${base} border-brand-600 bg-brand-50 text-brand-900`}>
                    {inner}
                  </span>
                ) : reachable(s) ? (
                  <button
                    type="button"
                    className={`${base} ${done[s] ? "border-emerald-600 bg-emerald-50" : "border-slate-300 bg-white"} hover:bg-slate-50`}
                    onClick={() => go(s)}
                  >
                    {inner}
                  </button>
                ) : (
                  <span className={`${base} border-dashed border-slate-300 text-slate-600`}>
                    {inner}
                    <span className="hidden text-xs sm:block">{t("stepper.notYet")}</span>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <section
        aria-labelledby="wizard-step-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2
          id="wizard-step-heading"
          ref={headingRef}
          tabIndex={-1}
          className="mb-4 text-xl font-semibold text-slate-900 sm:text-2xl"
        >
          {t(
            step === "start"
              ? "start.heading"
              : step === "credentials"
                ? "credentials.heading"
                : step === "test"
                  ? "test.heading"
                  : step === "call"
                    ? "call.heading"
                    : "activate.heading",
          )}
        </h2>
        <p className="sr-only">{t("stepper.stepOf", { n: index + 1, total: STEPS.length })}</p>
        {step === "start" ? (
          <StepStart
            guideUrl={guideUrl}
            connectionId={connection?.id ?? null}
            defaultLabel={typed.current.label || EMPTY.label}
            onContinue={() => go("credentials")}
          />
        ) : null}
        {step === "credentials" ? (
          <Suspense fallback={<Loading />}>
            <CredentialsForm
              connection={connection}
              locale={locale}
              values={typed.current}
              keep={keepTyped}
              onSaved={onSaved}
            />
          </Suspense>
        ) : null}
        {step === "test" && connection ? (
          <StepTest
            connection={connection}
            latest={latest}
            locale={locale}
            autoStart={autoStart}
            onAutoStarted={() => setAutoStart(false)}
            onResult={(test, c, activatable) => {
              setLatest(test);
              setConnection(c);
              setCanActivate(activatable);
            }}
            onChangeSettings={() => go("credentials")}
            onContinue={() => go("activate")}
            onTestCall={() => go("call")}
          />
        ) : null}
        {step === "call" && connection ? (
          <Suspense fallback={<Loading />}>
            <StepCall
              connection={connection}
              tested={latest?.ok === true && latest.current}
              earlier={calls}
              locale={locale}
              onFinished={(call) =>
                setCalls((list) => [call, ...list.filter((c) => c.id !== call.id)].slice(0, EARLIER_CALLS))
              }
              onContinue={() => go("activate")}
            />
          </Suspense>
        ) : null}
        {step === "activate" && connection ? (
          <StepActivate
            connection={connection}
            latest={latest}
            onTestCall={() => go("call")}
            canActivate={canActivate}
            locale={locale}
            onChanged={(c) => setConnection(c)}
            onGoTest={() => go("test")}
          />
        ) : null}
      </section>
    </div>
  );
}
