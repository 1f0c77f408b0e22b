/**
 * What a transport offers the transaction layer. A transport moves framed messages and reports
 * failures; it knows nothing of transactions. It says whether it is reliable; the transaction
 * decides whether to retransmit (RFC 3261 17.1.2.2).
 */
import type { AddressPolicy } from "@/lib/net/policy";
import type { CertProblem } from "@/lib/verdicts/advice";

export type TransportKind = "udp" | "tcp" | "tls";
export type Endpoint = { address: string; port: number };

export type TransportEvent =
  | { type: "message"; text: string }
  /** A datagram we could not frame; on UDP it is dropped and the transaction goes on. */
  | { type: "garbage"; detail: string }
  /** Fatal: the transport is closed after this. */
  | { type: "error"; code: "unreachable" | "protocol_error" | "closed"; detail: string };

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
  detail: string;
  tls?: { problem: CertProblem; cert: TlsCertInfo | null };
};

export type OpenResult = { ok: true; transport: SipTransport } | OpenFailure;
