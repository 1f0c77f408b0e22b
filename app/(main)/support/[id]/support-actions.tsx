"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import {
  addNoteAction,
  deactivateAction,
  rerunTestAction,
  type SupportActionState,
} from "@/server/actions/support";

/** Re-run, deactivate and note; each result is announced in one polite live region. */
export function SupportActions({ connectionId, disabled }: { connectionId: string; disabled: boolean }) {
  const t = useTranslations("support.detail");
  const [result, setResult] = useState<SupportActionState | null>(null);
  const [running, startRun] = useTransition();
  const [deactivating, startDeactivate] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [noteState, noteAction, notePending] = useActionState(addNoteAction, null);

  const latest = [result, noteState].filter((r) => r !== null).sort((a, b) => b.at - a.at)[0];
  const message = !latest
    ? ""
    : !latest.ok
      ? latest.error.message
      : latest.kind === "rerun"
        ? t("rerunDone", { verdict: latest.verdict })
        : latest.kind === "deactivate"
          ? t("deactivated")
          : t("noteAdded");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          onClick={() => startRun(async () => setResult(await rerunTestAction(connectionId)))}
          disabled={running}
          aria-describedby="support-action-status"
        >
          {running ? t("rerunning") : t("rerun")}
        </Button>
        {disabled ? (
          <span className="text-sm text-slate-700">{t("alreadyDisabled")}</span>
        ) : confirming ? (
          <span className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm">
            <span>{t("deactivateConfirm")}</span>
            <Button
              variant="danger"
              disabled={deactivating}
              onClick={() =>
                startDeactivate(async () => {
                  setResult(await deactivateAction(connectionId));
                  setConfirming(false);
                })
              }
            >
              {t("deactivate")}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              ✕
            </Button>
          </span>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {t("deactivate")}
          </Button>
        )}
      </div>
      <form action={noteAction} className="space-y-2">
        <input type="hidden" name="connectionId" value={connectionId} />
        <label htmlFor="support-note" className="block text-sm font-medium">
          {t("note")}
        </label>
        <p id="support-note-hint" className="text-xs text-slate-600">
          {t("noteHint")}
        </p>
        <textarea
          id="support-note"
          name="note"
          required
          maxLength={2000}
          rows={3}
          aria-describedby="support-note-hint"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <Button type="submit" variant="secondary" disabled={notePending}>
          {t("addNote")}
        </Button>
      </form>
      <p
        id="support-action-status"
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm font-medium ${latest && !latest.ok ? "text-red-700" : "text-slate-800"}`}
        data-testid="support-action-status"
      >
        {message}
      </p>
    </div>
  );
}
