/**
 * Stable outcome codes of the test call, with their advice in English and Dutch: what happened,
 * what to change, and who must change it. Browser-safe, like the registration verdicts.
 */
import { type Audience, type Locale, type Responsible, whoLabel } from "./advice";
import { CALL_OUTCOMES, type CallFacts, type CallOutcome, type CallTexts } from "./call-outcomes";
import { CALL_EN } from "./call-texts-en";
import { CALL_NL } from "./call-texts-nl";

export {
  CALL_OUTCOMES,
  type CallFacts,
  type CallOutcome,
  type CallText,
  type CallTexts,
} from "./call-outcomes";

/** Outcomes that count as a passing test call (nat_media is a warning: audio flowed). */
export const CALL_PASSING: ReadonlySet<CallOutcome> = new Set(["call_ok", "nat_media", "transfer_ok"]);

export function isCallOutcome(value: string): value is CallOutcome {
  return (CALL_OUTCOMES as ReadonlyArray<string>).includes(value);
}

export type CallAdvice = {
  code: CallOutcome;
  title: string;
  explanation: string;
  action: string;
  who: Responsible;
  /** `who` in the reader's words ("Your telecom provider…" for a customer). */
  whoText: string;
};

const WHO: Record<CallOutcome, Responsible> = {
  call_ok: "none",
  call_not_received: "provider",
  call_rejected: "provider",
  codec_mismatch: "provider",
  no_audio_in: "provider",
  no_audio_out: "provider",
  nat_media: "provider",
  transfer_ok: "none",
  transfer_refused: "provider",
  transfer_unconfirmed: "provider",
  outbound_refused: "provider",
  call_not_run: "customer",
};

const TEXTS: Record<Locale, CallTexts> = { en: CALL_EN, nl: CALL_NL };

export function callAdviceFor(
  code: CallOutcome,
  locale: Locale,
  facts: CallFacts = {},
  audience: Audience = "customer",
): CallAdvice {
  const t = TEXTS[locale][code];
  const who = WHO[code];
  return {
    code,
    title: t.title,
    explanation: t.explanation(facts),
    action: t.action(facts),
    who,
    whoText: whoLabel(who, locale, audience),
  };
}

/** The advice for a call and, when one was tried, for its transfer: what the customer is shown. */
export function callAdviceSet(
  call: { outcome: CallOutcome; transfer: { outcome: CallOutcome } | null },
  locale: Locale,
  facts: CallFacts = {},
): { call: CallAdvice; transfer: CallAdvice | null } {
  return {
    call: callAdviceFor(call.outcome, locale, facts),
    transfer: call.transfer ? callAdviceFor(call.transfer.outcome, locale, facts) : null,
  };
}
