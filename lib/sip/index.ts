/**
 * The SIP test engine: the only module the rest of the app imports from lib/sip.
 * `runSipCheck` proves whether an account can register, and otherwise says why, as data: verdict,
 * warning and step-detail codes with their facts, which lib/verdicts words per locale.
 * Everything it returns or reports passes the Scrubber first (./scrub.ts).
 */
import "server-only";
import { runSipCheck as runLadder } from "./probe/ladder";
import type { SipCheckInput, SipCheckOptions, SipCheckResult } from "./probe/types";
import { Scrubber } from "./scrub";

export { runInboundCall } from "./call/inbound";
export type { PortRange } from "./call/media";
export { runOutboundCall } from "./call/outbound";
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
