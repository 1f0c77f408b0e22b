/**
 * The SIP test engine: the only module the rest of the app imports from lib/sip.
 * `runSipCheck` proves whether an account can register, and otherwise says why, as data: verdict,
 * warning and step-detail codes with their facts, which lib/verdicts words per locale.
 */
import "server-only";

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
export { runSipCheck } from "./probe/ladder";
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
