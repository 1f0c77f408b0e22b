"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { type SignInState, signInAction } from "@/server/actions/sign-in";

const field =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 focus-visible:outline-2 focus-visible:outline-brand-600";

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("auth.signIn");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const message =
    state.error === "rate_limited"
      ? t("rateLimited", { minutes: Math.max(1, Math.ceil((state.retryAfterSeconds ?? 60) / 60)) })
      : state.error === "validation"
        ? t("validation")
        : state.error === "invalid_credentials"
          ? t("invalid")
          : state.error === "internal"
            ? tc("error.body")
            : "";
  return (
    <form action={action} className="space-y-4" noValidate={false}>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={254}
          defaultValue={state.email ?? ""}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={message ? "sign-in-error" : undefined}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={128}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={message ? "sign-in-error" : undefined}
          className={field}
        />
      </div>
      <p
        id="sign-in-error"
        role="alert"
        aria-live="assertive"
        className="min-h-5 text-sm font-medium text-red-700"
      >
        {message}
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
