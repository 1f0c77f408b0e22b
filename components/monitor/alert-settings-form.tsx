"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { CopyButton } from "@/components/connection/copy-button";
import { Button } from "@/components/ui/button";
import { WEBHOOK_URL_MAX } from "@/lib/validation/webhook-url-rules";
import { type AlertSettingsState, alertSettingsAction } from "@/server/actions/alerts";

type Props = {
  /** The saved webhook (its date already formatted), or null. */
  webhook: { url: string; since: string } | null;
};

const field =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm focus-visible:outline-2 focus-visible:outline-brand-600 aria-[invalid=true]:border-red-600";

/**
 * The webhook's forms. All post to one server action through useActionState, so they work before
 * hydration; the answer (saved with its secret, a test result, a refusal) is announced in one
 * live region. A refused URL stays in the field as typed.
 */
export function AlertSettingsForm({ webhook }: Props) {
  const t = useTranslations("alerts");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<AlertSettingsState, FormData>(alertSettingsAction, {
    kind: "idle",
  });

  const failed = state.kind === "failed" ? state : null;
  const urlErrorKey = failed?.op === "save" ? failed.error.fieldErrors?.url?.[0] : undefined;
  const urlError = urlErrorKey?.startsWith("validation.") ? tAll(urlErrorKey) : urlErrorKey;
  const typed = failed?.op === "save" ? (failed.typedUrl ?? "") : (webhook?.url ?? "");

  let status = "";
  if (state.kind === "saved") status = t("saved");
  else if (state.kind === "removed") status = state.removed ? t("remove.done") : t("remove.nothing");
  else if (state.kind === "tested") {
    const r = state.result;
    status =
      r.code === "delivered" || r.code === "http_status"
        ? t(`test.result.${r.code}`, { status: r.status })
        : r.code === "refused_address"
          ? t("test.result.refused_address", { address: r.address })
          : t(`test.result.${r.code}`);
  } else if (failed && !urlError) {
    const e = failed.error;
    status =
      e.code === "forbidden"
        ? t("errors.forbidden")
        : e.code === "rate_limited"
          ? t("errors.rate_limited", { minutes: Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60)) })
          : t("errors.other");
  }
  const bad = failed !== null || (state.kind === "tested" && state.result.code !== "delivered");

  return (
    <div className="space-y-5">
      <p className="text-sm" data-testid="webhook-current">
        {webhook ? (
          <>
            {t("webhook.current")} <code className="break-all">{webhook.url}</code>
            <span className="block text-xs text-slate-600">
              {t("webhook.since", { date: webhook.since })}
            </span>
          </>
        ) : (
          t("webhook.none")
        )}
      </p>

      {state.kind === "saved" ? (
        <section
          aria-labelledby="secret-title"
          className="space-y-3 rounded-md border border-brand-600 bg-brand-50 p-4"
          data-testid="webhook-secret"
        >
          <h3 id="secret-title" className="font-semibold">
            {t("secret.title")}
          </h3>
          <p className="text-sm font-medium">{t("secret.onceWarning")}</p>
          <label htmlFor="webhook-secret-value" className="block text-sm font-medium">
            {t("secret.label")}
          </label>
          <input
            id="webhook-secret-value"
            readOnly
            value={state.secret}
            onFocus={(e) => e.currentTarget.select()}
            className={field}
            data-testid="webhook-secret-value"
          />
          <CopyButton
            text={state.secret}
            label={t("secret.copy")}
            copiedLabel={t("secret.copied")}
            failedLabel={t("secret.copyFailed")}
          />
          <p className="text-sm text-slate-700">{t("secret.howToVerify")}</p>
        </section>
      ) : null}

      <form action={action} className="space-y-2" noValidate>
        <label htmlFor="webhook-url" className="block text-sm font-medium">
          {t("webhook.url")}
        </label>
        <p id="webhook-url-hint" className="text-xs text-slate-600">
          {t("webhook.urlHint")}
        </p>
        <input
          // A new answer re-renders the field with what it says (the typed text after a refusal).
          key={state.kind === "idle" ? "idle" : state.at}
          id="webhook-url"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={WEBHOOK_URL_MAX + 64}
          defaultValue={typed}
          placeholder="https://alerts.example.com/phone-connection"
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? "webhook-url-error webhook-url-hint" : "webhook-url-hint"}
          className={field}
        />
        {urlError ? (
          <p
            id="webhook-url-error"
            className="text-sm font-medium text-red-700"
            data-testid="webhook-url-error"
          >
            {urlError}
          </p>
        ) : null}
        <Button type="submit" name="op" value="save" disabled={pending}>
          {pending ? t("webhook.saving") : webhook ? t("webhook.replace") : t("webhook.save")}
        </Button>
      </form>

      {webhook ? (
        <div className="space-y-4 border-t border-slate-200 pt-4">
          <form action={action} className="space-y-2">
            <h3 className="text-sm font-semibold">{t("test.title")}</h3>
            <p className="text-sm text-slate-700">{t("test.intro")}</p>
            <Button type="submit" name="op" value="test" variant="secondary" disabled={pending}>
              {t("test.send")}
            </Button>
          </form>
          {state.kind === "confirmRemove" ? (
            <form
              action={action}
              className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm"
            >
              <span>{t("remove.confirm")}</span>
              <Button type="submit" name="op" value="remove" variant="danger" disabled={pending}>
                {t("remove.yes")}
              </Button>
              <a href="/settings/alerts" className="font-medium text-brand-700 underline">
                {t("remove.cancel")}
              </a>
            </form>
          ) : (
            <form action={action}>
              <Button type="submit" name="op" value="askRemove" variant="secondary" disabled={pending}>
                {t("remove.button")}
              </Button>
            </form>
          )}
        </div>
      ) : null}

      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm font-medium ${bad ? "text-red-700" : "text-slate-800"}`}
        data-testid="alert-settings-status"
      >
        {status}
      </p>
    </div>
  );
}
