/**
 * The test call's outcome codes and the shape of their texts: a leaf that ./call-codes and the
 * per-locale texts (./call-texts-*) both import, so the texts never import the module using them.
 */

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
