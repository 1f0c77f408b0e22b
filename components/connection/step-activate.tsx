"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import type { ConnectionDto, TestSummaryDto } from "@/lib/connections/types";
import { activateAction, deactivateAction } from "@/server/actions/connections";
import { ErrorMessage, type UiError } from "./error-message";
import { formatDateTime } from "./format";
import { StatusBadge } from "./status-badge";

/** What is switched on: the account, where, over what, and when it last passed. */
function Summary({
  connection: c,
  latest,
  locale,
}: {
  connection: ConnectionDto;
  latest: TestSummaryDto | null;
  locale: string;
}) {
  const t = useTranslations("wizard.activate.summary");
  const tFields = useTranslations("wizard.fields");
  const transport =
    latest?.target?.transport.toUpperCase() ?? (c.transport === "auto" ? null : c.transport.toUpperCase());
  const rows: Array<[string, ReactNode]> = [
    [
      t("account"),
      <span key="account" className="font-mono">
        {c.sipUsername}
      </span>,
    ],
    [
      t("domain"),
      <span key="domain" className="break-all font-mono">
        {c.port ? `${c.sipDomain}:${c.port}` : c.sipDomain}
      </span>,
    ],
    [t("transport"), transport ?? tFields("transportAuto")],
    [
      t("testedAt"),
      latest?.ok && latest.current ? formatDateTime(latest.finishedAt, locale) : t("notPassed"),
    ],
  ];
  return (
    <dl
      className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-slate-50 p-4 text-slate-900 sm:gap-x-6"
      data-testid="activation-summary"
    >
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold">{k}</dt>
          <dd className="min-w-0">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Step 4: activate (only with a passing test of the current settings) or deactivate. Once it is
 * on, the success is the loudest thing on the page, with what is switched on and what comes
 * next; switching off is there, but quiet.
 */
export function StepActivate({
  connection,
  latest,
  canActivate,
  locale,
  onChanged,
  onGoTest,
  nextStep,
  onTestCall,
}: {
  connection: ConnectionDto;
  latest: TestSummaryDto | null;
  canActivate: boolean;
  locale: string;
  onChanged: (c: ConnectionDto) => void;
  onGoTest: () => void;
  /** What to do after activating; defaults to the checks to make with the provider. */
  nextStep?: ReactNode;
  /** Opens the optional test call: the first thing to do once the AI Colleague is on. */
  onTestCall?: () => void;
}) {
  const t = useTranslations("wizard");
  const ts = useTranslations("common.connectionStatus");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<UiError | null>(null);
  const [notice, setNotice] = useState("");
  const active = connection.status === "active";

  const act = (kind: "activate" | "deactivate") =>
    startTransition(async () => {
      setError(null);
      setNotice("");
      try {
        const res =
          kind === "activate" ? await activateAction(connection.id) : await deactivateAction(connection.id);
        if (!res.ok) {
          setError({ code: res.error.code, retryAfterSeconds: res.error.retryAfterSeconds });
          return;
        }
        onChanged(res.value.connection);
        setNotice(kind === "activate" ? t("activate.activated") : t("activate.deactivated"));
      } catch {
        setError({ code: "network" });
      }
    });

  return (
    <div className="space-y-6">
      {active ? (
        <div
          className="space-y-2 rounded-lg border-2 border-emerald-600 bg-emerald-50 p-5"
          data-testid="activation-success"
        >
          <p className="flex items-center gap-3 text-xl font-bold text-emerald-900">
            <span
              aria-hidden="true"
              className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-emerald-700 text-white"
            >
              ✓
            </span>
            {t("activate.successTitle")}
          </p>
          <StatusBadge status={connection.status} label={ts(connection.status)} />
          {connection.activatedAt ? (
            <p className="text-emerald-950">
              {t("activate.active", { date: formatDateTime(connection.activatedAt, locale) })}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-slate-800">{t("activate.intro")}</p>
      )}
      {active ? null : (
        <p className="flex items-center gap-2">
          <span className="font-semibold">{t("list.status")}:</span>
          <StatusBadge status={connection.status} label={ts(connection.status)} />
        </p>
      )}
      <Summary connection={connection} latest={latest} locale={locale} />
      {active ? null : canActivate ? (
        <p className="text-slate-800">{t("activate.ready")}</p>
      ) : (
        <div className="space-y-2 rounded-md bg-amber-50 p-4 text-amber-900">
          <p className="font-medium" id="activate-not-ready">
            {t("activate.notReady")}
          </p>
          <Button variant="secondary" onClick={onGoTest}>
            {t("activate.goTest")}
          </Button>
        </div>
      )}
      <div aria-live="polite" className="min-h-6 font-medium text-emerald-800">
        {notice}
      </div>
      {error ? (
        <ErrorMessage
          error={error}
          override={
            error.code === "conflict" || error.code === "invalid_transition"
              ? t("errors.activation")
              : undefined
          }
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {active ? (
          <>
            <Link href="/connections" className={buttonClass("primary")}>
              {t("activate.toList")}
            </Link>
            <Button variant="secondary" disabled={pending} onClick={() => act("deactivate")}>
              {t("activate.deactivate")}
            </Button>
          </>
        ) : (
          <>
            <Button
              disabled={pending || !canActivate}
              aria-describedby={canActivate ? undefined : "activate-not-ready"}
              onClick={() => act("activate")}
            >
              {t("activate.activate")}
            </Button>
            <Link href="/connections" className={buttonClass("ghost")}>
              {t("activate.toList")}
            </Link>
          </>
        )}
      </div>
      {active ? (
        <section aria-labelledby="next-step" className="space-y-2" data-testid="next-step">
          <h3 id="next-step" className="text-lg font-semibold text-slate-900">
            {t("activate.nextTitle")}
          </h3>
          {nextStep ?? (
            <>
              {onTestCall ? (
                <div className="flex flex-wrap items-center gap-3">
                  <p className="text-slate-800">{t("activate.nextCall")}</p>
                  <Button variant="secondary" onClick={onTestCall}>
                    {t("stepper.call")}
                  </Button>
                </div>
              ) : null}
              <ul className="list-disc space-y-1 pl-6 text-slate-800">
                <li>{t("activate.nextHuntGroup")}</li>
                <li>{t("activate.nextRtp")}</li>
              </ul>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
