/**
 * What the browser sees of a test call: the request, the live stream, the stored summary.
 * Browser-safe: plain data and the zod schema the form and the route share.
 */
import { z } from "zod";
import type { PublicError } from "@/lib/errors";
import type { CallAdvice, CallFacts, CallOutcome } from "@/lib/verdicts/call-codes";

const EXTENSION = /^[A-Za-z0-9+*#._-]{1,64}$/;

/** One schema, two checks: the wizard's form and the route both parse with it. */
export const testCallRequest = z.discriminatedUnion("direction", [
  z.object({
    direction: z.literal("inbound"),
    transferTo: z
      .string()
      .trim()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(z.string().regex(EXTENSION, "validation.extension").optional())
      .optional(),
  }),
  z.object({
    direction: z.literal("outbound"),
    dial: z.string().trim().regex(EXTENSION, "validation.extension"),
  }),
]);
export type TestCallRequest = z.infer<typeof testCallRequest>;

export type CallStatusDto = { status: string; atMs: number; detail: string };

export type CallDto = {
  direction: "inbound" | "outbound";
  outcome: CallOutcome;
  answered: boolean;
  setupMs: number | null;
  from: string | null;
  to: string | null;
  codec: string | null;
  ptimeMs: number | null;
  rtp: {
    sent: number;
    received: number;
    lossPct: number;
    jitterMs: number;
    sdpAddress: string | null;
    sourceAddress: string | null;
  };
  dtmf: Array<{ digit: string; via: "rfc4733" | "inband" }>;
  transfer: {
    target: string;
    outcome: "transfer_ok" | "transfer_refused" | "transfer_unconfirmed";
    notify: Array<{ status: number; reason: string; subscriptionState: string | null }>;
  } | null;
};

/** Worded in the viewer's language on the server (lib/verdicts/call-codes). */
export type CallAdviceSet = { call: CallAdvice; transfer: CallAdvice | null };

export type CallSummaryDto = {
  callId: string | null;
  /** When the call was recorded as started (for a call not run: when it was refused). */
  startedAt: string;
  ok: boolean;
  call: CallDto;
  facts: CallFacts;
  finishedAt: string;
  advice?: CallAdviceSet;
};

/**
 * One stored test call as its customer sees it: when, which kind, the call's figures and the
 * advice. Never the SIP trace, the report or the facts behind the advice (those are support's).
 */
export type EarlierCallDto = {
  id: string;
  startedAt: string;
  direction: CallDto["direction"];
  /** Null while the call runs, or when it was cut off before its result was stored. */
  result: { ok: boolean; call: CallDto; advice: CallAdviceSet } | null;
};

export type CallStreamEvent =
  | { type: "started"; callId: string | null; waitS: number }
  | { type: "status"; status: CallStatusDto }
  | { type: "result"; result: CallSummaryDto }
  | { type: "error"; error: PublicError };
