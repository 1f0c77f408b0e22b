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

export type CallSummaryDto = {
  callId: string | null;
  ok: boolean;
  call: CallDto;
  facts: CallFacts;
  finishedAt: string;
  /** Worded in the viewer's language on the server (lib/verdicts/call-codes). */
  advice?: { call: CallAdvice; transfer: CallAdvice | null };
};

export type CallStreamEvent =
  | { type: "started"; callId: string | null; waitS: number }
  | { type: "status"; status: CallStatusDto }
  | { type: "result"; result: CallSummaryDto }
  | { type: "error"; error: PublicError };
