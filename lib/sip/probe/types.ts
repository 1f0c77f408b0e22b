/** The public types of the SIP check (see /lib/sip/index.ts). */

import type { DnsResolver } from "@/lib/net/dns";
import type { AddressPolicy } from "@/lib/net/policy";
import type { AdviceFacts } from "@/lib/verdicts/advice";
import type { PbxFamily, StepName, StepStatus, Verdict, WarningCode } from "@/lib/verdicts/codes";
import type { StepDetail } from "@/lib/verdicts/step-details";

export type TransportChoice = "auto" | "udp" | "tcp" | "tls";
export type Transport = "udp" | "tcp" | "tls";

export type SipCheckInput = {
  username: string;
  password: string;
  domain: string;
  authUsername?: string;
  port?: number;
  transport: TransportChoice;
  outboundProxy?: string;
  /** "query": REGISTER without Contact, changes no bindings (RFC 3261 10.2.3). "register": also bind and unbind. */
  mode: "query" | "register";
};

/**
 * Called right before any REGISTER that carries credentials; a refusal gives `rate_limited`
 * without sending. `settle` reports whether the server accepted those credentials.
 */
export type AuthGate = (t: {
  host: string;
  address: string;
  port: number;
  transport: string;
}) => Promise<
  | { ok: true; settle: (outcome: "success" | "failure") => Promise<void> }
  | { ok: false; retryAfterSeconds: number }
>;

/** One rung's outcome; `detail` is data (code + params), worded by lib/verdicts stepDetailText. */
export type StepResult = { name: StepName; status: StepStatus; durationMs: number; detail: StepDetail };

export type SipCheckOptions = {
  /** Budget per step, ms (default 8000; RFC 3261's Timer F would be 32 s). */
  timeoutMs?: number;
  policy?: AddressPolicy;
  resolver?: DnsResolver;
  /** Each finished step, in ladder order (a later step waits for the earlier ones). */
  onStep?: (step: StepResult) => void;
  /** A step begins, with its time limit in ms (for a progress display). */
  onStepStart?: (name: StepName, limitMs: number) => void;
  authGate?: AuthGate;
  userAgent?: string;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM), for tests against a self-signed PBX. */
  tlsCa?: string[];
  /** RFC 3261 T1/T2 for UDP retransmissions (default 500/4000 ms). */
  timers?: { t1: number; t2: number };
};

export type TraceEntry = {
  /** ms since the check started */
  at: number;
  direction: "sent" | "received";
  transport: Transport;
  local: string;
  remote: string;
  firstLine: string;
  /** The whole message, with credentials redacted. */
  text: string;
};

export type SipCheckResult = {
  ok: boolean;
  verdict: Verdict;
  warnings: WarningCode[];
  steps: StepResult[];
  sip: { statusCode: number; reason: string; server: string | null } | null;
  target: { host: string; address: string; port: number; transport: Transport } | null;
  facts: AdviceFacts;
  trace: TraceEntry[];
  pbxProduct: string | null;
  /** The product family read from pbxProduct; advice differs per family. */
  pbxFamily: PbxFamily | null;
  durationMs: number;
};

/** Thrown for input that the form's schema should already have refused (CR/LF/NUL, empty fields). */
export class SipCheckInputError extends Error {
  readonly code = "invalid_input";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "SipCheckInputError";
  }
}
