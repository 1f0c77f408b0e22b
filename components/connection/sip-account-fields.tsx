"use client";
/**
 * The SIP account credential fields: SIP Username, SIP Password, SIP Domain and the Advanced
 * disclosure (Auth username, Transport, Port, Outbound proxy).
 *
 * - `SipAccountFields` binds to the wizard's react-hook-form (useFormContext).
 * - `SipAccountFieldsPreview` renders the same fields read-only with example values and needs no
 *   form context (the provider guide shows it). Needs a NextIntlClientProvider with `wizard`.
 */
import { useTranslations } from "next-intl";
import {
  type ClipboardEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  useId,
  useState,
} from "react";
import { type FieldPath, useFormContext } from "react-hook-form";
import type { z } from "zod";
import { fillFromSipAddress, fillFromTyped, type PasteFill } from "@/lib/connections/normalise";
import type { sipAccountUpdateSchema } from "@/lib/validation/sip-account";

/** The form's values as the browser holds them (strings; the schema trims and coerces). */
export type SipFormValues = z.input<typeof sipAccountUpdateSchema>;
type Name = FieldPath<SipFormValues>;
type Binding = InputHTMLAttributes<HTMLInputElement> & { ref?: (el: HTMLInputElement | null) => void };
type SelectBinding = SelectHTMLAttributes<HTMLSelectElement> & {
  ref?: (el: HTMLSelectElement | null) => void;
};

const INPUT =
  "block w-full min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 read-only:bg-slate-100 aria-[invalid=true]:border-red-700";
const TRANSPORT_KEYS = {
  auto: "transportAuto",
  udp: "transportUdp",
  tcp: "transportTcp",
  tls: "transportTls",
} as const;

/** Attributes that keep browsers and password managers from treating this as a website login. */
const NO_LOGIN = { "data-1p-ignore": "true", "data-lpignore": "true", "data-form-type": "other" } as const;
const TEXTY = { autoCapitalize: "none", autoCorrect: "off", spellCheck: false } as const;

type ViewProps = {
  idPrefix: string;
  readOnly: boolean;
  bind: (name: Name) => Binding;
  bindSelect: (name: Name) => SelectBinding;
  errorOf: (name: Name) => string | undefined;
  passwordSavedAt?: string | null;
  /** The destination changed: the saved password does not go along, so it must be typed again. */
  passwordAgain?: boolean;
  advancedOpen: boolean;
  onToggleAdvanced: () => void;
  /** What Advanced holds, shown on its (closed) toggle, e.g. "Port 5080 · TCP". */
  advancedSummary?: string;
};

function Field(props: {
  id: string;
  label: string;
  hint: string;
  error?: string;
  children: (a: { id: string; describedBy: string; invalid: boolean }) => ReactNode;
  extra?: ReactNode;
}) {
  const hintId = `${props.id}-hint`;
  const errId = `${props.id}-error`;
  const describedBy = props.error ? `${hintId} ${errId}` : hintId;
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block font-semibold text-slate-900">
        {props.label}
      </label>
      <p id={hintId} className="text-sm text-slate-600">
        {props.hint}
      </p>
      <div className="flex items-stretch gap-2">
        {props.children({ id: props.id, describedBy, invalid: Boolean(props.error) })}
        {props.extra}
      </div>
      {props.error ? (
        <p id={errId} className="text-sm font-medium text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function FieldsView(p: ViewProps) {
  const t = useTranslations("wizard.fields");
  const [showPassword, setShowPassword] = useState(false);
  const id = (n: string) => `${p.idPrefix}-${n}`;
  const advancedId = id("advanced");
  const text = (name: Name, label: string, hint: string, extra?: InputHTMLAttributes<HTMLInputElement>) => (
    <Field id={id(name)} label={label} hint={hint} error={p.errorOf(name)}>
      {(a) => (
        <input
          id={a.id}
          type="text"
          className={INPUT}
          aria-describedby={a.describedBy}
          aria-invalid={a.invalid}
          readOnly={p.readOnly}
          autoComplete="off"
          {...TEXTY}
          {...NO_LOGIN}
          {...extra}
          {...p.bind(name)}
        />
      )}
    </Field>
  );
  const passwordHint = p.passwordAgain
    ? t("sipPasswordAgain")
    : p.passwordSavedAt
      ? t("sipPasswordSaved", { date: p.passwordSavedAt })
      : t("sipPasswordHint");
  return (
    // min-w-0: a fieldset is at least as wide as its content by default, which on a phone pushes
    // the password row (input + "Show password") past the screen edge.
    <fieldset className="min-w-0 space-y-5">
      <legend className="sr-only">{t("legend")}</legend>
      {text("sipUsername", t("sipUsername"), t("sipUsernameHint"))}
      <Field
        id={id("sipPassword")}
        label={t("sipPassword")}
        hint={passwordHint}
        error={p.errorOf("sipPassword")}
        extra={
          p.readOnly ? null : (
            <button
              type="button"
              className="shrink-0 whitespace-nowrap rounded-md border border-slate-400 bg-white px-3 text-sm font-semibold text-brand-700 hover:bg-brand-50"
              aria-controls={id("sipPassword")}
              aria-pressed={showPassword}
              onClick={() => setShowPassword((s) => !s)}
            >
              {showPassword ? t("hidePassword") : t("showPassword")}
            </button>
          )
        }
      >
        {(a) => (
          <input
            id={a.id}
            type={showPassword ? "text" : "password"}
            className={INPUT}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            aria-required={p.passwordAgain ? true : undefined}
            required={p.passwordAgain}
            readOnly={p.readOnly}
            // "new-password" stops autofill of a saved website login and the save-login prompt.
            autoComplete="new-password"
            {...TEXTY}
            {...NO_LOGIN}
            {...p.bind("sipPassword")}
          />
        )}
      </Field>
      {text("sipDomain", t("sipDomain"), t("sipDomainHint"), { inputMode: "url" })}

      <div className="rounded-md border border-slate-200">
        <button
          type="button"
          className="flex w-full items-center justify-between px-4 py-3 text-left font-semibold text-brand-700"
          aria-expanded={p.advancedOpen}
          aria-controls={advancedId}
          onClick={p.onToggleAdvanced}
        >
          <span className="min-w-0">
            {t("advanced")}
            {/* One line, always there: a port carried over from a paste stays visible, and
                filling it in never moves the buttons below (a click would be lost). */}
            <span
              className="block truncate text-sm font-normal text-slate-700"
              data-testid="advanced-summary"
            >
              {p.advancedSummary || t("advancedNone")}
            </span>
          </span>
          <span aria-hidden="true">{p.advancedOpen ? "▲" : "▼"}</span>
        </button>
        <div id={advancedId} hidden={!p.advancedOpen} className="space-y-5 border-t border-slate-200 p-4">
          <p className="text-sm text-slate-600">{t("advancedHint")}</p>
          {text("authUsername", t("authUsername"), t("authUsernameHint"))}
          <Field
            id={id("transport")}
            label={t("transport")}
            hint={t("transportHint")}
            error={p.errorOf("transport")}
          >
            {(a) => (
              <select
                id={a.id}
                className={INPUT}
                aria-describedby={a.describedBy}
                aria-invalid={a.invalid}
                disabled={p.readOnly}
                {...p.bindSelect("transport")}
              >
                {(Object.keys(TRANSPORT_KEYS) as Array<keyof typeof TRANSPORT_KEYS>).map((k) => (
                  <option key={k} value={k}>
                    {t(TRANSPORT_KEYS[k])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text("port", t("port"), t("portHint"), { inputMode: "numeric" })}
          {text("outboundProxy", t("outboundProxy"), t("outboundProxyHint"))}
        </div>
      </div>
    </fieldset>
  );
}

const ADVANCED: Name[] = ["authUsername", "transport", "port", "outboundProxy"];

/** The fields bound to the surrounding react-hook-form (`FormProvider`). */
export function SipAccountFields({
  passwordSavedAt,
  passwordAgain,
}: {
  passwordSavedAt?: string | null;
  passwordAgain?: boolean;
}) {
  const tAll = useTranslations();
  const tFields = useTranslations("wizard.fields");
  const form = useFormContext<SipFormValues>();
  const { errors } = form.formState;
  const idPrefix = useId().replace(/:/g, "");
  const values = form.getValues();
  const hasAdvanced =
    Boolean(values.authUsername || values.port || values.outboundProxy) || values.transport !== "auto";
  const [open, setOpen] = useState(hasAdvanced);
  const advancedError = ADVANCED.some((n) => errors[n as keyof typeof errors]);
  const errorOf = (name: Name) => {
    const msg = errors[name as keyof typeof errors]?.message;
    if (typeof msg !== "string" || msg === "") return undefined;
    return msg.startsWith("validation.") ? tAll(msg) : msg;
  };
  const set = (name: Name, value: string) =>
    form.setValue(name, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });

  const apply = (fill: PasteFill) => {
    if (fill.sipUsername !== undefined) set("sipUsername", fill.sipUsername);
    if (fill.sipDomain !== undefined) set("sipDomain", fill.sipDomain);
    if (fill.port !== undefined) set("port", fill.port);
    if (fill.transport !== undefined) set("transport", fill.transport);
  };

  // A pasted SIP address fills username, domain (and port, transport) at once, and Advanced
  // opens to show what landed there. On blur it does not: a blur is often the first half of a
  // click on "Save and test", and moving the button would lose that click. The toggle's summary
  // line shows the port instead.
  const onPasteAddress = (e: ClipboardEvent<HTMLInputElement>) => {
    const fill = fillFromSipAddress(e.clipboardData.getData("text"));
    if (!fill) return;
    e.preventDefault();
    apply(fill);
    if (fill.port !== undefined || fill.transport !== undefined) setOpen(true);
  };

  const bind = (name: Name): Binding => {
    const reg = form.register(name, {
      onBlur: (e: { target: { value: string } }) => {
        if (name === "sipPassword") return;
        const raw = e.target.value;
        // Typed the way it would have been pasted: handled the same way.
        if (name === "sipDomain" || name === "sipUsername") {
          const fill = fillFromTyped(name, raw);
          if (fill) {
            apply(fill);
            return;
          }
        }
        const trimmedValue = raw.trim();
        if (trimmedValue !== raw) set(name, trimmedValue);
      },
    });
    const b: Binding = { ...reg };
    if (name === "sipUsername" || name === "sipDomain") b.onPaste = onPasteAddress;
    return b;
  };
  const bindSelect = (name: Name): SelectBinding => form.register(name);

  return (
    <FieldsView
      idPrefix={idPrefix}
      readOnly={false}
      bind={bind}
      bindSelect={bindSelect}
      errorOf={errorOf}
      passwordSavedAt={passwordSavedAt}
      passwordAgain={passwordAgain}
      advancedOpen={open || advancedError}
      onToggleAdvanced={() => setOpen((o) => !(o || advancedError))}
      advancedSummary={advancedSummary(form.watch(), tFields)}
    />
  );
}

/** "Auth username 3cx-auth · TCP · Port 5080 · Outbound proxy …": what is set under Advanced. */
function advancedSummary(v: SipFormValues, t: (key: string) => string): string {
  const parts: string[] = [];
  if (v.authUsername) parts.push(`${t("authUsername")} ${v.authUsername}`);
  if (v.transport && v.transport !== "auto") parts.push(String(v.transport).toUpperCase());
  if (v.port !== undefined && v.port !== "") parts.push(`${t("port")} ${v.port}`);
  if (v.outboundProxy) parts.push(`${t("outboundProxy")} ${v.outboundProxy}`);
  return parts.join(" · ");
}

const EXAMPLE: Record<Name, string> = {
  label: "AI Colleague",
  sipUsername: "1050",
  sipPassword: "example-password",
  sipDomain: "sip.company.com",
  authUsername: "",
  transport: "auto",
  port: "",
  outboundProxy: "",
};

/**
 * Read-only preview with example values; no react-hook-form needed. `values` overrides examples.
 * The Advanced section starts open so readers see every field.
 */
export function SipAccountFieldsPreview({
  values,
  advancedOpen = true,
}: {
  values?: Partial<Record<Name, string>>;
  advancedOpen?: boolean;
}) {
  const idPrefix = `preview${useId().replace(/:/g, "")}`;
  const [open, setOpen] = useState(advancedOpen);
  const v = { ...EXAMPLE, ...values };
  return (
    <FieldsView
      idPrefix={idPrefix}
      readOnly
      bind={(name) => ({ name, value: v[name] ?? "", onChange: () => undefined })}
      bindSelect={(name) => ({ name, value: v[name] ?? "auto", onChange: () => undefined })}
      errorOf={() => undefined}
      advancedOpen={open}
      onToggleAdvanced={() => setOpen((o) => !o)}
    />
  );
}
