"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { CallStatusDto, CallStreamEvent, CallSummaryDto, EarlierCallDto } from "@/lib/calls/types";
import type { ConnectionDto } from "@/lib/connections/types";
import type { PublicError } from "@/lib/errors";
import { readNdjson } from "@/lib/http/ndjson";
import { CallOutcome } from "./call-outcome";
import { EarlierCalls } from "./earlier-calls";
import { ErrorMessage, type UiError } from "./error-message";

const isEvent = (v: unknown): v is CallStreamEvent =>
  typeof v === "object" && v !== null && "type" in v && typeof v.type === "string";

/**
 * The optional test call, after a passing test and before activation (and again from the
 * connection page): inbound (the customer calls the company number; optionally we transfer),
 * or outbound (we call a number). Live status streamed from POST /api/connections/:id/call.
 * Below it, the earlier test calls of this connection; a finished call joins them (`onFinished`)
 * so it is still listed after moving to another step.
 */
export function StepCall(props: {
  connection: ConnectionDto;
  tested: boolean;
  earlier: EarlierCallDto[];
  locale: string;
  onFinished: (call: EarlierCallDto) => void;
  onContinue: () => void;
}) {
  const t = useTranslations("wizard.call");
  const [direction, setDirection] = useState<"inbound" | "outbound">("inbound");
  const [transferTo, setTransferTo] = useState("");
  const [dial, setDial] = useState("");
  const [running, setRunning] = useState(false);
  const [statuses, setStatuses] = useState<CallStatusDto[]>([]);
  const [result, setResult] = useState<CallSummaryDto | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const busy = useRef(false);

  const start = async () => {
    if (busy.current) return;
    busy.current = true;
    setRunning(true);
    setStatuses([]);
    setResult(null);
    setError(null);
    const body = direction === "inbound" ? { direction, transferTo } : { direction, dial };
    try {
      const res = await fetch(`/api/connections/${props.connection.id}/call`, {
        method: "POST",
        headers: { accept: "application/x-ndjson", "content-type": "application/json" },
        body: JSON.stringify(body),
        cache: "no-store",
      });
      if (!res.ok || !res.body) {
        const data: unknown = await res.json().catch(() => null);
        const pub = data && typeof data === "object" && "error" in data ? (data.error as PublicError) : null;
        setError(
          pub
            ? {
                code: pub.code,
                retryAfterSeconds: pub.retryAfterSeconds,
                fieldNames: pub.fieldErrors ? Object.keys(pub.fieldErrors) : undefined,
              }
            : { code: "internal" },
        );
        return;
      }
      await readNdjson(res.body, (v) => {
        if (!isEvent(v)) return;
        if (v.type === "status") setStatuses((s) => [...s, v.status]);
        else if (v.type === "result") {
          setResult(v.result);
          const { callId, startedAt, call, ok, advice } = v.result;
          if (callId && advice)
            props.onFinished({
              id: callId,
              startedAt,
              direction: call.direction,
              result: { ok, call, advice },
            });
        } else if (v.type === "error")
          setError({ code: v.error.code, retryAfterSeconds: v.error.retryAfterSeconds });
      });
    } catch {
      setError({ code: "network" });
    } finally {
      busy.current = false;
      setRunning(false);
    }
  };

  const last = statuses[statuses.length - 1];
  const earlier = props.earlier.filter((c) => c.id !== result?.callId);
  const advice = result?.advice;
  return (
    <div className="space-y-6" data-testid="step-call">
      <p className="text-slate-800">{t("intro")}</p>
      {!props.tested ? <p className="rounded-md bg-amber-50 p-3 text-amber-900">{t("needsTest")}</p> : null}
      <fieldset className="space-y-3" disabled={running}>
        <legend className="font-semibold text-slate-900">{t("kind")}</legend>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="call-direction"
            checked={direction === "inbound"}
            onChange={() => setDirection("inbound")}
          />
          <span>
            <span className="font-medium">{t("inbound")}</span>
            <span className="block text-sm text-slate-700">{t("inboundHelp")}</span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="call-direction"
            checked={direction === "outbound"}
            onChange={() => setDirection("outbound")}
          />
          <span>
            <span className="font-medium">{t("outbound")}</span>
            <span className="block text-sm text-slate-700">{t("outboundHelp")}</span>
          </span>
        </label>
        {direction === "inbound" ? (
          <label className="block">
            <span className="text-sm font-medium">{t("transferTo")}</span>
            <input
              name="transferTo"
              value={transferTo}
              onChange={(e) => setTransferTo(e.target.value)}
              maxLength={64}
              className="mt-1 block w-full max-w-xs rounded-md border border-slate-300 px-3 py-2"
            />
            <span className="block text-sm text-slate-700">{t("transferHelp")}</span>
          </label>
        ) : (
          <label className="block">
            <span className="text-sm font-medium">{t("dial")}</span>
            <input
              name="dial"
              value={dial}
              onChange={(e) => setDial(e.target.value)}
              maxLength={64}
              required
              className="mt-1 block w-full max-w-xs rounded-md border border-slate-300 px-3 py-2"
            />
          </label>
        )}
      </fieldset>
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => void start()} disabled={running || !props.tested}>
          {running ? t("running") : result ? t("again") : t("start")}
        </Button>
        <Button variant="secondary" onClick={props.onContinue} disabled={running}>
          {result?.ok ? t("continue") : t("skip")}
        </Button>
      </div>
      <div role="status" aria-live="polite" className="space-y-1" data-testid="call-status">
        {last ? <p className="font-medium">{t(`status.${last.status}`)}</p> : null}
        {statuses.length > 0 ? (
          <ol className="space-y-1 text-sm text-slate-700">
            {statuses.map((s) => (
              <li key={`${s.atMs}:${s.status}:${s.detail}`}>
                {t(`status.${s.status}`)} — {s.detail}
              </li>
            ))}
          </ol>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {result && advice ? (
        <div
          className="rounded-md border border-slate-200 p-4"
          data-testid="call-result"
          data-outcome={result.call.outcome}
        >
          <CallOutcome ok={result.ok} call={result.call} advice={advice} level={3} />
        </div>
      ) : null}
      {/* The call just shown is not "earlier"; with no others, nothing to say beneath it. */}
      {earlier.length > 0 || !result ? <EarlierCalls calls={earlier} locale={props.locale} /> : null}
    </div>
  );
}
