"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider, type Resolver, useForm } from "react-hook-form";
import { SipAccountFields, type SipFormValues } from "@/components/connection/sip-account-fields";
import { Button } from "@/components/ui/button";
import type { StepDto, TestSummaryDto } from "@/lib/connections/types";
import type { PublicError } from "@/lib/errors";
import { HANDOFF_MAX_ATTEMPTS, type HandoffRefusalCode, type HandoffStreamEvent } from "@/lib/handoff/types";
import { readNdjson } from "@/lib/http/ndjson";
import { type SipAccountCreate, sipAccountCreateSchema } from "@/lib/validation/sip-account";
import { HandoffResult } from "./handoff-result";

type Phase =
  | { kind: "editing" }
  | { kind: "sending" }
  | { kind: "testing"; steps: StepDto[] }
  | { kind: "done"; steps: StepDto[]; test: TestSummaryDto; attemptsLeft: number }
  | { kind: "refused"; code: HandoffRefusalCode; retryAfterSeconds?: number };

/** The provider always types the password, so the create schema (password required) applies. */
type HandoffValues = SipFormValues & { sipPassword: string };
const resolver: Resolver<HandoffValues, unknown, SipAccountCreate> = zodResolver(sipAccountCreateSchema);

function isEvent(v: unknown): v is HandoffStreamEvent {
  return typeof v === "object" && v !== null && "type" in v && typeof v.type === "string";
}

/**
 * The provider's side of a handoff link: the customer's real SIP form (SipAccountFields),
 * validated with the shared schema, sent once; the test streams back step by step.
 */
export function HandoffForm({
  token,
  orgName,
  defaults,
}: {
  token: string;
  orgName: string;
  defaults: HandoffValues;
}) {
  const t = useTranslations("guide.handoff");
  const tw = useTranslations("wizard");
  const form = useForm<HandoffValues, unknown, SipAccountCreate>({ defaultValues: defaults, resolver });
  const [phase, setPhase] = useState<Phase>({ kind: "editing" });
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setError(null);
    setPhase({ kind: "sending" });
    let res: Response;
    try {
      res = await fetch("/handoff/submit", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/x-ndjson" },
        body: JSON.stringify({ token, values: form.getValues() }),
        cache: "no-store",
      });
    } catch {
      setError(tw("errors.network"));
      setPhase({ kind: "editing" });
      return;
    }
    if (!res.ok || !res.body) {
      const body: unknown = await res.json().catch(() => null);
      const refusal =
        body && typeof body === "object" && "refusal" in body ? (body.refusal as HandoffRefusalCode) : null;
      const pub = body && typeof body === "object" && "error" in body ? (body.error as PublicError) : null;
      if (refusal) {
        setPhase({ kind: "refused", code: refusal, retryAfterSeconds: pub?.retryAfterSeconds });
        return;
      }
      for (const [name, keys] of Object.entries(pub?.fieldErrors ?? {})) {
        const key = keys[0];
        if (key && name in defaults) form.setError(name as keyof HandoffValues, { message: key });
      }
      setError(
        pub?.code === "validation"
          ? t("form.fieldsInvalid")
          : t("form.error", { message: pub?.message ?? "" }),
      );
      setPhase({ kind: "editing" });
      return;
    }
    let steps: StepDto[] = [];
    setPhase({ kind: "testing", steps });
    try {
      await readNdjson(res.body, (e) => {
        if (!isEvent(e)) return;
        if (e.type === "step") {
          steps = [...steps, e.step];
          setPhase({ kind: "testing", steps });
        } else if (e.type === "result") {
          setPhase({ kind: "done", steps, test: e.test, attemptsLeft: e.attemptsLeft });
        } else if (e.type === "error") {
          setError(t("form.error", { message: e.error.message }));
          setPhase({ kind: "editing" });
        }
      });
    } catch {
      setError(tw("errors.network"));
      setPhase({ kind: "editing" });
    }
  };

  if (phase.kind === "refused") {
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-5 text-red-950">
        <p className="font-semibold">{t(`refused.${phase.code}.title`)}</p>
        <p className="mt-1">{t(`refused.${phase.code}.body`, { seconds: phase.retryAfterSeconds ?? 60 })}</p>
      </div>
    );
  }

  // Busy while sending and testing only: once the result is in, the button says what is next.
  const busy = phase.kind === "sending" || phase.kind === "testing";
  const finished = phase.kind === "done" && (phase.test.ok || phase.attemptsLeft === 0);
  const locked = busy || finished;
  return (
    <div className="max-w-2xl space-y-6">
      <FormProvider {...form}>
        <form
          noValidate
          className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
          onSubmit={form.handleSubmit(send)}
          aria-describedby="handoff-once"
        >
          <fieldset disabled={locked} className="space-y-5">
            <SipAccountFields />
          </fieldset>
          <p id="handoff-once" className="text-sm text-slate-600">
            {t("form.onceNote", { attempts: HANDOFF_MAX_ATTEMPTS })}
          </p>
          {error ? (
            <p role="alert" className="font-medium text-red-700">
              {error}
            </p>
          ) : null}
          {finished ? null : (
            <Button type="submit" disabled={busy}>
              {busy ? t("form.submitting") : phase.kind === "done" ? t("form.again") : t("form.submit")}
            </Button>
          )}
        </form>
      </FormProvider>

      {phase.kind === "testing" || phase.kind === "done" ? (
        <section aria-live="polite" className="space-y-4">
          {phase.kind === "testing" ? <p className="font-medium">{t("form.saved")}</p> : null}
          <ol aria-label={t("form.stepsLabel")} className="space-y-1 text-sm">
            {phase.steps.map((s) => (
              <li key={`${s.name}-${s.durationMs}`} className="flex gap-2">
                <span aria-hidden="true">{s.status === "fail" ? "✗" : s.status === "skip" ? "–" : "✓"}</span>
                <span>
                  {tw(`steps.${s.name}`)}: {tw(`stepStatus.${s.status}`)}
                </span>
              </li>
            ))}
          </ol>
          {phase.kind === "done" ? (
            <HandoffResult test={phase.test} orgName={orgName} attemptsLeft={phase.attemptsLeft} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
