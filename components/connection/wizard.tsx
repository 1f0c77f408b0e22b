"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import type { ConnectionDto, TestSummaryDto, WizardData } from "@/lib/connections/types";
import type { SipAccountUpdate } from "@/lib/validation/sip-account";
import { formValuesOf } from "./format";
import { lazySchemaResolver, preloadSchema } from "./lazy-resolver";
import type { SipFormValues } from "./sip-account-fields";
import { StepActivate } from "./step-activate";
import { StepCredentials } from "./step-credentials";
import { StepStart } from "./step-start";
import { StepTest } from "./step-test";
import { STEPS, type StepKey } from "./steps";

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
 * The customer wizard: before you start → SIP account → live test → activate. The form lives
 * here, above the steps, so moving between steps (or a failed test) never loses what was typed.
 */
export function Wizard({
  initial,
  initialStep,
  guideUrl,
  locale,
}: {
  initial: WizardData | null;
  initialStep: StepKey;
  guideUrl: string;
  locale: string;
}) {
  const t = useTranslations("wizard");
  const [step, setStep] = useState<StepKey>(initialStep);
  const [connection, setConnection] = useState<ConnectionDto | null>(initial?.connection ?? null);
  const [latest, setLatest] = useState<TestSummaryDto | null>(initial?.latest ?? null);
  const [canActivate, setCanActivate] = useState(initial?.canActivate ?? false);
  const [autoStart, setAutoStart] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const form = useForm<SipFormValues, unknown, SipAccountUpdate>({
    resolver: lazySchemaResolver,
    defaultValues: initial ? formValuesOf(initial.connection) : EMPTY,
    mode: "onSubmit",
    reValidateMode: "onBlur",
  });

  useEffect(() => {
    void preloadSchema();
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
    form.reset(formValuesOf(c));
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
  const index = STEPS.indexOf(step);
  const title = connection ? connection.label : t("title.new");

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight text-brand-900">{title}</h1>
      <nav aria-label={t("stepper.label")} className="no-print">
        <ol className="grid gap-2 sm:grid-cols-4">
          {STEPS.map((s, i) => {
            const current = s === step;
            const base = "flex w-full flex-col rounded-md border px-3 py-2 text-left text-sm";
            const inner = (
              <>
                <span className="text-xs uppercase tracking-wide text-slate-600">
                  {t("stepper.stepOf", { n: i + 1, total: STEPS.length })}
                </span>
                <span className="font-semibold">{t(`stepper.${s}`)}</span>
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
                    className={`${base} border-slate-300 bg-white hover:bg-slate-50`}
                    onClick={() => go(s)}
                  >
                    {inner}
                  </button>
                ) : (
                  <span className={`${base} border-dashed border-slate-300 text-slate-600`}>
                    {inner}
                    <span className="text-xs">{t("stepper.notYet")}</span>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <section
        aria-labelledby="wizard-step-heading"
        className="rounded-lg border border-slate-200 bg-white p-6"
      >
        <h2
          id="wizard-step-heading"
          ref={headingRef}
          tabIndex={-1}
          className="mb-4 text-2xl font-semibold text-slate-900"
        >
          {t(
            step === "start"
              ? "start.heading"
              : step === "credentials"
                ? "credentials.heading"
                : step === "test"
                  ? "test.heading"
                  : "activate.heading",
          )}
        </h2>
        <p className="sr-only">{t("stepper.stepOf", { n: index + 1, total: STEPS.length })}</p>
        {step === "start" ? <StepStart guideUrl={guideUrl} onContinue={() => go("credentials")} /> : null}
        <FormProvider {...form}>
          {step === "credentials" ? (
            <StepCredentials connection={connection} locale={locale} onSaved={onSaved} />
          ) : null}
        </FormProvider>
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
          />
        ) : null}
        {step === "activate" && connection ? (
          <StepActivate
            connection={connection}
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
