/**
 * What a transport offers the transaction layer. A transport moves framed messages and reports
 * failures; it knows nothing of transactions. It says whether it is reliable; the transaction
 * decides whether to retransmit (RFC 3261 17.1.2.2).
 */
import type { AddressPolicy } from "@/lib/net/policy";

export type TransportKind = "udp" | "tcp" | "tls";
export type Endpoint = { address: string; port: number };

/** What was wrong with the peer's certificate or handshake (RFC 5922 7.2 names the identity rule). */
export type CertProblem =
  | "expired"
  | "not_yet_valid"
  | "self_signed"
  | "wrong_host"
  | "untrusted"
  | "handshake";

/**
 * Why a connection or request got no usable answer, as data (the app words it). `note` carries
 * the system's own technical text (an OS error, a parser limit) for support.
 */
export type FailureReason =
  | { kind: "refused"; transport: TransportKind; port: number }
  | { kind: "connect_timeout"; port: number }
  | { kind: "handshake_timeout" }
  | { kind: "handshake_failed"; note: string }
  | { kind: "certificate"; problem: CertProblem; note: string }
  | { kind: "cancelled" }
  | { kind: "closed" }
  | { kind: "socket_error"; note: string }
  | { kind: "policy"; blocked: "private_address" | "blocked_target"; note: string }
  | { kind: "no_answer"; method: string; budgetMs: number; sends: number }
  | { kind: "incomplete"; bytes: number }
  | { kind: "unreadable"; note: string }
  | { kind: "header_break"; header: string };

export type TransportEvent =
  | { type: "message"; text: string }
  /** A datagram we could not frame; on UDP it is dropped and the transaction goes on. */
  | { type: "garbage"; detail: string }
  /** Fatal: the transport is closed after this. */
  | { type: "error"; code: "unreachable" | "protocol_error" | "closed"; reason: FailureReason };

export type TlsCertInfo = {
  subject: string | null;
  issuer: string | null;
  validFrom: string | null;
  validTo: string | null;
  selfSigned: boolean;
};

export interface SipTransport {
  readonly kind: TransportKind;
  readonly reliable: boolean;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly tls: TlsCertInfo | null;
  send(text: string): void;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: TransportEvent) => void): () => void;
  /** Bytes of a partly received message (streams); non-zero at a timeout means a truncated reply. */
  pendingBytes(): number;
  close(): void;
}

export type OpenOptions = {
  kind: TransportKind;
  /** The checked IP to connect to (never looked up again). */
  address: string;
  port: number;
  /** The SIP domain: TLS SNI and certificate identity (RFC 5922 4.1). */
  hostname: string;
  policy: AddressPolicy;
  timeoutMs: number;
  tlsCa?: string[];
  signal?: AbortSignal;
};

export type OpenFailure = {
  ok: false;
  code: "unreachable" | "timeout" | "tls_failed" | "blocked_target" | "private_address";
  reason: FailureReason;
  tls?: { problem: CertProblem; cert: TlsCertInfo | null };
};

export type OpenResult = { ok: true; transport: SipTransport } | OpenFailure;
