/** The public types of the test call (exported through lib/sip/index.ts). */
import type { AddressPolicy } from "@/lib/net";
import type { CallFacts, CallOutcome } from "@/lib/verdicts/call-codes";
import type { Timers } from "../transaction/client";
import type { TransportKind } from "../transport/types";
import type { DtmfDigit } from "./dtmf";
import type { PortRange } from "./media";
import type { NotifyReport, TransferOutcome } from "./refer";
import type { CallTraceEntry } from "./trace";

export type CallStatus =
  | "registering"
  | "waiting"
  | "calling"
  | "ringing"
  | "answered"
  | "hearing_you"
  | "transferring"
  | "done";
export type CallStatusEvent = { status: CallStatus; atMs: number; detail: string };

export type CallSetup = {
  /** The checked address the registration test used (never looked up again). */
  target: { address: string; port: number; transport: TransportKind; hostname: string };
  username: string;
  authUsername?: string;
  password: string;
  /** The SIP domain as entered: AOR host and Request-URI. */
  domainHost: string;
  policy: AddressPolicy;
  /** Our address as the PBX sees it (SIP_PUBLIC_ADDRESSES); null: the socket's own, if allowed. */
  publicAddress: string | null;
  media: { bindAddress: string; portRange: PortRange };
  /** Devices the registration test found on the account; more than 0 means we must not bind. */
  bindingsBefore: number;
  timers?: Timers;
  userAgent?: string;
  tlsCa?: string[];
  signal?: AbortSignal;
  onStatus?: (e: CallStatusEvent) => void;
  /** "full": tones and the spoken phrase (default); "tones": tones only (benchmarks). */
  prompt?: "full" | "tones";
  locale?: "en" | "nl";
  /** How long to listen for keys and audio after the prompt, ms (default 6000). */
  listenMs?: number;
};

export type InboundOptions = CallSetup & { waitS: number; transferTo?: string };
export type OutboundOptions = CallSetup & { dial: string; answerWaitS?: number };

export type CallRtp = {
  sent: number;
  received: number;
  lossPct: number;
  jitterMs: number;
  sdpAddress: string | null;
  sourceAddress: string | null;
};

/** The `call` object of the CLI's JSON, exactly. */
export type CallResult = {
  direction: "inbound" | "outbound";
  outcome: CallOutcome;
  answered: boolean;
  setupMs: number | null;
  from: string | null;
  to: string | null;
  codec: string | null;
  ptimeMs: number | null;
  rtp: CallRtp;
  dtmf: Array<Pick<DtmfDigit, "digit" | "via">>;
  transfer: { target: string; outcome: TransferOutcome; notify: NotifyReport[] } | null;
};

/** Everything else a test call learned: for support, the stored history and the advice texts. */
export type CallReport = {
  ok: boolean;
  call: CallResult;
  facts: CallFacts;
  route: { requestUri: string | null; diversion: string[]; historyInfo: string[] };
  echoRttMs: number | null;
  peerReceived: number | null;
  sendJitterMs: number;
  /** Our worst send lateness against the ptime grid, ms. */
  sendMaxLateMs: number;
  offered: string[];
  trace: CallTraceEntry[];
  statuses: CallStatusEvent[];
  durationMs: number;
};

/** The call of a test that never started (no passing registration test, no public address, …). */
export function callNotRun(direction: CallResult["direction"]): CallResult {
  return {
    direction,
    outcome: "call_not_run",
    answered: false,
    setupMs: null,
    from: null,
    to: null,
    codec: null,
    ptimeMs: null,
    rtp: { sent: 0, received: 0, lossPct: 0, jitterMs: 0, sdpAddress: null, sourceAddress: null },
    dtmf: [],
    transfer: null,
  };
}
