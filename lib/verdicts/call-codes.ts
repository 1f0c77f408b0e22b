/**
 * Stable outcome codes of the test call, with their advice in English and Dutch: what happened,
 * what to change, and who must change it. Browser-safe, like the registration verdicts.
 */
import type { Locale, Responsible } from "./advice";
import { CALL_EN } from "./call-texts-en";
import { CALL_NL } from "./call-texts-nl";

export const CALL_OUTCOMES = [
  "call_ok",
  "call_not_received",
  "call_rejected",
  "codec_mismatch",
  "no_audio_in",
  "no_audio_out",
  "nat_media",
  "transfer_ok",
  "transfer_refused",
  "transfer_unconfirmed",
  "outbound_refused",
  "call_not_run",
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Outcomes that count as a passing test call (nat_media is a warning: audio flowed). */
export const CALL_PASSING: ReadonlySet<CallOutcome> = new Set(["call_ok", "nat_media", "transfer_ok"]);

export function isCallOutcome(value: string): value is CallOutcome {
  return (CALL_OUTCOMES as ReadonlyArray<string>).includes(value);
}

export type CallFacts = {
  /** The account (extension) the call was meant for. */
  account?: string;
  from?: string;
  dialed?: string;
  offered?: string[];
  ours?: string[];
  statusCode?: number;
  reason?: string;
  target?: string;
  sdpAddress?: string;
  sourceAddress?: string;
  waitSeconds?: number;
  rtpRange?: string;
  detail?: string;
};

export type CallText = {
  title: string;
  explanation: (f: CallFacts) => string;
  action: (f: CallFacts) => string;
};
export type CallTexts = Record<CallOutcome, CallText>;
export type CallAdvice = {
  code: CallOutcome;
  title: string;
  explanation: string;
  action: string;
  who: Responsible;
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

export function callAdviceFor(code: CallOutcome, locale: Locale, facts: CallFacts = {}): CallAdvice {
  const t = TEXTS[locale][code];
  return { code, title: t.title, explanation: t.explanation(facts), action: t.action(facts), who: WHO[code] };
}
