"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { createForProviderAction } from "@/server/actions/connections";
import { ErrorMessage, type UiError } from "./error-message";
import { newIdempotencyKey } from "./format";

export const handoffPath = (connectionId: string) => `/connections/${connectionId}/handoff`;

/**
 * Step 1's "let your provider enter the details": opens the connection's handoff page, creating
 * a named (still empty) connection first when there is none yet.
 */
export function ProviderHandoffEntry({
  connectionId,
  defaultLabel,
}: {
  connectionId: string | null;
  defaultLabel: string;
}) {
  const t = useTranslations("wizard");
  const router = useRouter();
  const inputId = useId();
  const [label, setLabel] = useState(defaultLabel);
  const [error, setError] = useState<UiError | null>(null);
  const [pending, startTransition] = useTransition();
  // One key per wizard visit: a double click gives one connection.
  const idempotencyKey = useRef(newIdempotencyKey());

  const create = () =>
    startTransition(async () => {
      setError(null);
      try {
        const res = await createForProviderAction({ label, idempotencyKey: idempotencyKey.current });
        if (!res.ok) {
          setError({
            code: res.error.code,
            retryAfterSeconds: res.error.retryAfterSeconds,
            fieldNames: res.error.fieldErrors?.label ? [t("credentials.label")] : undefined,
          });
          return;
        }
        router.push(handoffPath(res.value.id));
      } catch {
        setError({ code: "network" });
      }
    });

  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-4" data-testid="provider-handoff-entry">
      <h3 className="font-semibold text-slate-900">{t("handoffEntry.title")}</h3>
      <p className="text-slate-800">{t("handoffEntry.intro")}</p>
      {connectionId ? (
        <Link href={handoffPath(connectionId)} className={buttonClass("secondary")}>
          {t("handoffEntry.open")}
        </Link>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <div className="space-y-1">
            <label htmlFor={inputId} className="block font-semibold text-slate-900">
              {t("credentials.label")}
            </label>
            <input
              id={inputId}
              name="label"
              value={label}
              maxLength={80}
              required
              autoComplete="off"
              onChange={(e) => setLabel(e.target.value)}
              className="block w-full max-w-md rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900"
            />
          </div>
          {error ? <ErrorMessage error={error} /> : null}
          <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
            {pending ? t("handoffEntry.creating") : t("handoffEntry.create")}
          </Button>
        </form>
      )}
    </div>
  );
}
