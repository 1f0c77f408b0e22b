"use client";
import { useTranslations } from "next-intl";
import type { CallAdviceSet, CallDto } from "@/lib/calls/types";
import { AdviceBlock } from "./test-verdict";

const callTone = (ok: boolean, call: CallDto) => (!ok ? "bad" : call.outcome === "nat_media" ? "warn" : "ok");
const transferTone = (outcome: NonNullable<CallDto["transfer"]>["outcome"]) =>
  outcome === "transfer_ok" ? "ok" : outcome === "transfer_unconfirmed" ? "warn" : "bad";

/** A call's key figures: codec, setup time, packets both ways, loss and jitter, keys, caller. */
export function CallFigures({ call }: { call: CallDto }) {
  const t = useTranslations("wizard.call.facts");
  if (!call.answered) return null;
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
      <dt className="text-slate-600">{t("codec")}</dt>
      <dd>
        {call.codec} · {call.ptimeMs} ms
      </dd>
      <dt className="text-slate-600">{t("setup")}</dt>
      <dd>{call.setupMs} ms</dd>
      <dt className="text-slate-600">{t("rtp")}</dt>
      <dd>{t("rtpValue", { sent: call.rtp.sent, received: call.rtp.received })}</dd>
      <dt className="text-slate-600">{t("quality")}</dt>
      <dd>{t("qualityValue", { loss: call.rtp.lossPct, jitter: call.rtp.jitterMs })}</dd>
      <dt className="text-slate-600">{t("keys")}</dt>
      <dd>{call.dtmf.length ? call.dtmf.map((d) => d.digit).join(" ") : t("noKeys")}</dd>
      <dt className="text-slate-600">{t("from")}</dt>
      <dd className="break-all">{call.from ?? "–"}</dd>
    </dl>
  );
}

/**
 * A finished test call as the customer reads it: the verdict with what to do and who acts, the
 * figures, then the transfer's own verdict. The live result and the earlier calls both use it.
 */
export function CallOutcome({
  ok,
  call,
  advice,
  level,
}: {
  ok: boolean;
  call: CallDto;
  advice: CallAdviceSet;
  /** Heading level of the call's verdict; the transfer's is one below. */
  level: 3 | 4;
}) {
  return (
    <div className="space-y-3">
      <AdviceBlock advice={advice.call} tone={callTone(ok, call)} level={level} />
      <CallFigures call={call} />
      {advice.transfer && call.transfer ? (
        <div data-testid="transfer-result" data-outcome={call.transfer.outcome}>
          <AdviceBlock advice={advice.transfer} tone={transferTone(call.transfer.outcome)} level={4} />
        </div>
      ) : null}
    </div>
  );
}
