"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import type { ConnectionDto } from "@/lib/connections/types";
import { activateAction, deactivateAction } from "@/server/actions/connections";
import { ErrorMessage, type UiError } from "./error-message";
import { formatDateTime } from "./format";
import { StatusBadge } from "./status-badge";

/** Step 4: activate (only with a passing test of the current settings) or deactivate. */
export function StepActivate({
  connection,
  canActivate,
  locale,
  onChanged,
  onGoTest,
}: {
  connection: ConnectionDto;
  canActivate: boolean;
  locale: string;
  onChanged: (c: ConnectionDto) => void;
  onGoTest: () => void;
}) {
  const t = useTranslations("wizard");
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
      <p className="text-slate-800">{t("activate.intro")}</p>
      <p className="flex items-center gap-2">
        <span className="font-semibold">{t("list.status")}:</span>
        <StatusBadge status={connection.status} label={t(`status.${connection.status}`)} />
      </p>
      {active && connection.activatedAt ? (
        <p className="text-slate-800">
          {t("activate.active", { date: formatDateTime(connection.activatedAt, locale) })}
        </p>
      ) : canActivate ? (
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
          override={error.code === "conflict" ? t("errors.activation") : undefined}
        />
      ) : null}
      <div className="flex flex-wrap gap-3">
        {active ? (
          <Button variant="danger" disabled={pending} onClick={() => act("deactivate")}>
            {t("activate.deactivate")}
          </Button>
        ) : (
          <Button
            disabled={pending || !canActivate}
            aria-describedby={canActivate ? undefined : "activate-not-ready"}
            onClick={() => act("activate")}
          >
            {t("activate.activate")}
          </Button>
        )}
        <Link href="/connections" className={buttonClass("ghost")}>
          {t("activate.toList")}
        </Link>
      </div>
    </div>
  );
}
