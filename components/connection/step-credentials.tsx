"use client";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { type FieldErrors, type FieldPath, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { fillFromTyped } from "@/lib/connections/normalise";
import type { ConnectionDto } from "@/lib/connections/types";
import { sameDestination } from "@/lib/validation/destination";
import { saveConnectionAction } from "@/server/actions/connections";
import { ErrorMessage, type UiError } from "./error-message";
import { formatDateTime, newIdempotencyKey } from "./format";
import { SipAccountFields, type SipFormValues } from "./sip-account-fields";

type Name = FieldPath<SipFormValues>;
const FIELD_ORDER: Name[] = [
  "label",
  "sipUsername",
  "sipPassword",
  "sipDomain",
  "authUsername",
  "transport",
  "port",
  "outboundProxy",
];
const LABEL_KEYS: Record<Name, string> = {
  label: "credentials.label",
  sipUsername: "fields.sipUsername",
  sipPassword: "fields.sipPassword",
  sipDomain: "fields.sipDomain",
  authUsername: "fields.authUsername",
  transport: "fields.transport",
  port: "fields.port",
  outboundProxy: "fields.outboundProxy",
};
const isName = (k: string): k is Name => (FIELD_ORDER as string[]).includes(k);

/**
 * Step 2: the SIP account. Validated in the browser with the shared schema (zodResolver) and
 * again on the server; server field errors come back as the same i18n keys.
 */
export function StepCredentials({
  connection,
  locale,
  onSaved,
}: {
  connection: ConnectionDto | null;
  locale: string;
  onSaved: (c: ConnectionDto, intent: "draft" | "test") => void;
}) {
  const t = useTranslations("wizard");
  const tAll = useTranslations();
  const form = useFormContext<SipFormValues>();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<UiError | null>(null);
  const [notice, setNotice] = useState("");
  // One key per wizard visit: a double submit of "create" makes one connection.
  const idempotencyKey = useRef(newIdempotencyKey());
  const labelError = form.formState.errors.label?.message;
  const invalidNames = (names: string[]) =>
    FIELD_ORDER.filter((n) => names.includes(n)).map((n) => t(LABEL_KEYS[n]));
  // The summary lists the fields in error now, not at the last submit: fixed fields drop out,
  // a field that went wrong since (say, Port) comes in; with none left it goes away.
  const liveNames = Object.keys(form.formState.errors).filter(isName);
  const shownError: UiError | null =
    error?.code === "validation"
      ? liveNames.length > 0
        ? { ...error, fieldNames: invalidNames(liveNames) }
        : null
      : error;

  // A saved password stays with its destination (lib/validation/destination.ts): after a change
  // of domain, port, transport, proxy or username it must be typed again, as the server insists.
  const watched = form.watch();
  const passwordAgain =
    Boolean(connection?.passwordSavedAt) && connection !== null && !sameDestination(connection, watched);
  // A test needs a password (typed now or saved before); the update schema alone allows none.
  const missingPassword = (intent: "draft" | "test") =>
    form.getValues("sipPassword") === "" &&
    (passwordAgain || (intent === "test" && !connection?.passwordSavedAt));
  const missingKey = passwordAgain ? "validation.passwordAgain" : "validation.required";

  // Enter in a field submits without a blur: normalise typed addresses here too.
  const normaliseTyped = () => {
    for (const name of ["sipUsername", "sipDomain"] as const) {
      const fill = fillFromTyped(name, form.getValues(name) ?? "");
      if (!fill) continue;
      for (const [k, v] of Object.entries(fill) as Array<[Name, string]>) form.setValue(k, v);
    }
  };
  const submit = (intent: "draft" | "test") => {
    normaliseTyped();
    void form.handleSubmit(() => save(intent), onInvalid(intent))();
  };

  const save = (intent: "draft" | "test") => {
    setNotice("");
    setError(null);
    const values = form.getValues();
    if (missingPassword(intent)) {
      form.setError("sipPassword", { message: missingKey }, { shouldFocus: true });
      setError({ code: "validation", fieldNames: invalidNames(["sipPassword"]) });
      return;
    }
    startTransition(async () => {
      let res: Awaited<ReturnType<typeof saveConnectionAction>>;
      try {
        res = await saveConnectionAction({
          id: connection?.id,
          expectedVersion: connection?.version,
          idempotencyKey: connection ? undefined : idempotencyKey.current,
          intent,
          values,
        });
      } catch {
        setError({ code: "network" });
        return;
      }
      if (res.ok) {
        if (intent === "draft") setNotice(t("credentials.draftSaved"));
        onSaved(res.value, intent);
        return;
      }
      const fieldErrors = res.error.fieldErrors ?? {};
      const names = Object.keys(fieldErrors).filter(isName);
      let first = true;
      for (const name of FIELD_ORDER) {
        const msg = fieldErrors[name]?.[0];
        if (!msg || !names.includes(name)) continue;
        form.setError(name, { message: msg }, { shouldFocus: first });
        first = false;
      }
      setError({
        code: res.error.code,
        retryAfterSeconds: res.error.retryAfterSeconds,
        fieldNames: invalidNames(names),
      });
    });
  };

  const onInvalid = (intent: "draft" | "test") => (errors: FieldErrors<SipFormValues>) => {
    setNotice("");
    const names = Object.keys(errors);
    if (missingPassword(intent)) {
      form.setError("sipPassword", { message: missingKey });
      names.push("sipPassword");
    }
    setError({ code: "validation", fieldNames: invalidNames(names) });
  };

  return (
    <form
      noValidate
      autoComplete="off"
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        submit("test");
      }}
    >
      <p className="text-slate-800">{t("credentials.intro")}</p>
      <div className="space-y-1">
        <label htmlFor="connection-label" className="block font-semibold text-slate-900">
          {t("credentials.label")}
        </label>
        <p id="connection-label-hint" className="text-sm text-slate-600">
          {t("credentials.labelHint")}
        </p>
        <input
          id="connection-label"
          type="text"
          autoComplete="off"
          aria-describedby={
            labelError ? "connection-label-hint connection-label-error" : "connection-label-hint"
          }
          aria-invalid={Boolean(labelError)}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
          {...form.register("label")}
        />
        {labelError ? (
          <p id="connection-label-error" className="text-sm font-medium text-red-700">
            {labelError.startsWith("validation.") ? tAll(labelError) : labelError}
          </p>
        ) : null}
      </div>

      <SipAccountFields
        passwordSavedAt={
          connection?.passwordSavedAt ? formatDateTime(connection.passwordSavedAt, locale) : null
        }
        passwordAgain={passwordAgain}
      />

      <div aria-live="polite" className="min-h-6 text-slate-800">
        {notice}
      </div>
      {shownError ? (
        <ErrorMessage error={shownError}>
          {shownError.code === "conflict" && connection ? (
            <a className="font-semibold underline" href={`/connections/${connection.id}?step=credentials`}>
              {t("errors.reload")}
            </a>
          ) : null}
        </ErrorMessage>
      ) : null}

      {/* On a phone the actions stay in view at the bottom while the fields scroll past. */}
      <div
        className="sticky bottom-0 z-10 -mx-4 flex flex-wrap gap-3 border-t border-slate-200 bg-white px-4 py-3 sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0"
        data-testid="credentials-actions"
      >
        <Button type="submit" disabled={pending}>
          {pending ? t("credentials.saving") : t("credentials.saveAndTest")}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => submit("draft")}>
          {t("credentials.saveDraft")}
        </Button>
      </div>
    </form>
  );
}
