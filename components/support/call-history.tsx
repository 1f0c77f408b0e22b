import { getTranslations } from "next-intl/server";
import type { TestCallRecord } from "@/db/queries/test-calls";
import type { CallDto } from "@/lib/calls/types";
import { type CallFacts, callAdviceFor, isCallOutcome } from "@/lib/verdicts/call-codes";
import { LadderDiagram } from "./ladder-diagram";
import type { TraceView } from "./test-data";

function traceOf(json: unknown): TraceView[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
    .map((e) => ({
      at: typeof e.at === "number" ? e.at : 0,
      direction: e.direction === "received" ? "received" : "sent",
      transport: "udp",
      local: "",
      remote: "",
      firstLine: typeof e.firstLine === "string" ? e.firstLine : "",
      text: typeof e.text === "string" ? e.text : "",
    }));
}

/** Support's view of the test calls: outcome, RTP counters both ways, transfer, and the SIP ladder. */
export async function CallHistory({ calls, locale }: { calls: TestCallRecord[]; locale: "en" | "nl" }) {
  const t = await getTranslations("support.detail");
  const ta = await getTranslations("support.advice");
  if (calls.length === 0) return <p className="text-sm text-slate-600">{t("callsNone")}</p>;
  return (
    <ol className="space-y-4" data-testid="call-history">
      {calls.map((row) => {
        const call = row.call as CallDto | null;
        const facts = (row.facts ?? {}) as CallFacts;
        const outcome = row.outcome && isCallOutcome(row.outcome) ? row.outcome : null;
        const advice = outcome ? callAdviceFor(outcome, locale, facts, "support") : null;
        return (
          <li key={row.id} className="space-y-2 rounded-md border border-slate-200 p-4">
            <p className="font-semibold">
              {row.startedAt.toISOString().replace("T", " ").slice(0, 19)} · {row.direction} ·{" "}
              <span data-testid="call-outcome">{row.outcome ?? "…"}</span>
              {advice ? ` — ${advice.title}` : ""}
            </p>
            {advice && advice.who !== "none" ? (
              <p className="text-sm" data-testid="call-advice">
                <span className="font-medium">{ta("action")}</span> {advice.action}{" "}
                <span className="font-medium">{ta("whoActs")}</span> {advice.whoText}
              </p>
            ) : null}
            {call?.answered ? (
              <p className="text-sm">
                {t("callSetup", { ms: call.setupMs ?? 0, codec: `${call.codec} ${call.ptimeMs} ms` })}
              </p>
            ) : null}
            {call ? (
              <>
                <p className="font-mono text-sm" data-testid="call-rtp">
                  {t("callRtp", {
                    sent: call.rtp.sent,
                    received: call.rtp.received,
                    loss: call.rtp.lossPct,
                    jitter: call.rtp.jitterMs,
                  })}
                </p>
                <p className="font-mono text-sm">
                  {t("callAddresses", {
                    sdp: call.rtp.sdpAddress ?? "–",
                    source: call.rtp.sourceAddress ?? "–",
                  })}
                </p>
              </>
            ) : null}
            {call?.transfer ? (
              <p className="text-sm">
                {t("callTransfer", { target: call.transfer.target, outcome: call.transfer.outcome })}
              </p>
            ) : null}
            <LadderDiagram trace={traceOf(row.trace)} id={`call-${row.id}`} />
          </li>
        );
      })}
    </ol>
  );
}
