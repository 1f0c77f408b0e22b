/**
 * The SIP test engine: the only module the rest of the app imports from lib/sip.
 * `runSipCheck` proves whether an account can register, and otherwise says why, as data: verdict,
 * warning and step-detail codes with their facts, which lib/verdicts words per locale.
 * `runInboundCall` / `runOutboundCall` make the test call. Everything any of them returns or
 * reports passes a Scrubber first (./scrub.ts), one per run, which learns every credentialed
 * request we send (REGISTER, and INVITE answering 401/407: RFC 3261 22.2).
 */
import "server-only";
import { runInboundCall as runInbound } from "./call/inbound";
import { runOutboundCall as runOutbound } from "./call/outbound";
import type { LearnSent } from "./call/setup";
import type { CallReport, CallSetup, InboundOptions, OutboundOptions } from "./call/types";
import { runSipCheck as runLadder } from "./probe/ladder";
import type { SipCheckInput, SipCheckOptions, SipCheckResult } from "./probe/types";
import { Scrubber } from "./scrub";

export type { PortRange } from "./call/media";
export type { CallTraceEntry } from "./call/trace";
export type {
  CallReport,
  CallResult,
  CallSetup,
  CallStatus,
  CallStatusEvent,
  InboundOptions,
  OutboundOptions,
} from "./call/types";
export { callNotRun } from "./call/types";
export type {
  AuthGate,
  SipCheckInput,
  SipCheckOptions,
  SipCheckResult,
  StepResult,
  TraceEntry,
  Transport,
  TransportChoice,
} from "./probe/types";
export { SipCheckInputError } from "./probe/types";
export { USER_AGENT } from "./version";

export async function runSipCheck(
  input: SipCheckInput,
  options: SipCheckOptions = {},
): Promise<SipCheckResult> {
  const scrub = new Scrubber(input.password);
  const onStep = options.onStep;
  const result = await runLadder(
    input,
    { ...options, onStep: onStep && ((s) => onStep(scrub.step(s))) },
    (text) => scrub.learnSent(text),
  );
  return scrub.result(result);
}

async function scrubbedCall<O extends CallSetup>(
  o: O,
  run: (o: O, learnSent: LearnSent) => Promise<CallReport>,
): Promise<CallReport> {
  const scrub = new Scrubber(o.password);
  const onStatus = o.onStatus;
  const report = await run({ ...o, onStatus: onStatus && ((e) => onStatus(scrub.status(e))) }, (text) =>
    scrub.learnSent(text),
  );
  return scrub.callReport(report);
}

export function runInboundCall(o: InboundOptions): Promise<CallReport> {
  return scrubbedCall(o, runInbound);
}

export function runOutboundCall(o: OutboundOptions): Promise<CallReport> {
  return scrubbedCall(o, runOutbound);
}
