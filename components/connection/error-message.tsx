"use client";
import { useTranslations } from "next-intl";
import type { AppErrorCode } from "@/lib/errors";

export type UiError = { code: AppErrorCode | "network"; retryAfterSeconds?: number; fieldNames?: string[] };

/** One error, in the viewer's language, announced as an alert. `children` adds actions. */
export function ErrorMessage({
  error,
  override,
  children,
}: {
  error: UiError;
  override?: string;
  children?: React.ReactNode;
}) {
  const t = useTranslations("wizard.errors");
  let text: string;
  if (override) text = override;
  else if (error.code === "validation")
    text = error.fieldNames?.length
      ? t("validation", { fields: error.fieldNames.join(", ") })
      : t("validationGeneric");
  else if (error.code === "rate_limited")
    text = t("rate_limited", { seconds: error.retryAfterSeconds ?? 60 });
  else text = t(error.code);
  return (
    <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
      <p className="font-medium">{text}</p>
      {children}
    </div>
  );
}
