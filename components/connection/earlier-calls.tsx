"use client";
import { useTranslations } from "next-intl";
import type { EarlierCallDto } from "@/lib/calls/types";
import { CallOutcome } from "./call-outcome";
import { formatDateTime } from "./format";

/**
 * The customer's earlier test calls of this connection (newest first): when, which kind, and the
 * verdict with who acts and the figures. Support's console shows the same calls with their SIP
 * ladder (components/support/call-history.tsx); customers never see the trace.
 */
export function EarlierCalls({ calls, locale }: { calls: EarlierCallDto[]; locale: string }) {
  const t = useTranslations("wizard.call.earlier");
  return (
    <section aria-labelledby="earlier-calls-heading" className="space-y-3" data-testid="earlier-calls">
      <h3 id="earlier-calls-heading" className="text-lg font-semibold text-slate-900">
        {t("heading")}
      </h3>
      {calls.length === 0 ? (
        <p className="text-slate-700">{t("none")}</p>
      ) : (
        <ol className="space-y-4">
          {calls.map((c) => (
            <li
              key={c.id}
              className="space-y-2 rounded-md border border-slate-200 p-3 sm:p-4"
              data-testid="earlier-call"
              data-outcome={c.result?.call.outcome ?? "unfinished"}
            >
              <p className="font-medium text-slate-900">
                <time dateTime={c.startedAt}>{formatDateTime(c.startedAt, locale)}</time> · {t(c.direction)}
              </p>
              {c.result ? (
                <CallOutcome ok={c.result.ok} call={c.result.call} advice={c.result.advice} level={4} />
              ) : (
                <p className="text-slate-700">{t("unfinished")}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
