/**
 * What each step of the SIP test found, as data: a stable code plus structured params. The engine
 * (lib/sip) fills these; `stepDetailText` (./step-texts) renders them per locale, so no sentence
 * comes from the engine. Browser-safe, types only.
 */
import type { CertProblem } from "./codes";

export type WireTransport = "udp" | "tcp" | "tls";

/**
 * Why a connection or a request got no usable SIP answer. The engine's transports declare the
 * same shape (lib/sip/transport/types.ts FailureReason); the probe hands theirs over unchanged,
 * so the compiler checks that the two agree. `note` is the system's own technical text (an OS
 * error, a parser limit), shown verbatim for support.
 */
export type WireReason =
  | { kind: "refused"; transport: WireTransport; port: number }
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

/** One transport attempt that failed before SIP answered (auto tries several). */
export type FailedAttempt = { transport: WireTransport; address: string; port: number; reason: WireReason };

export type StatusLine = { status: number; reason: string };

/** A binding the registrar listed (RFC 3261 10.2.3): another device on the account, or ours. */
export type BindingInfo = { uri: string; expires: number | null };

export type PortProbe = {
  port: number;
  transport: "tcp";
  state: "open" | "closed" | "filtered" | "not_checked";
};

export type SkipReason =
  | "not_reached"
  | "not_needed"
  | "query_mode"
  | "query_mode_nothing_bound"
  | "no_credentials_asked"
  | "devices_registered"
  | "register_answered";

export type StepDetail =
  | { code: "host_invalid"; params: { field: "domain" | "outbound_proxy"; note: string } }
  | {
      code: "resolve_failed";
      params: {
        host: string;
        failure: "invalid_host" | "dns_failed" | "private_address" | "blocked_target" | "blocked_port";
        note: string;
      };
    }
  | {
      code: "resolved";
      params: {
        host: string;
        targets: Array<{
          address: string;
          port: number;
          transport: WireTransport;
          source: "literal" | "naptr" | "srv" | "a";
        }>;
        more: number;
        ignored: number;
      };
    }
  | { code: "ports"; params: { address: string; ports: PortProbe[] } }
  | { code: "sip_answered"; params: StatusLine & { transport: WireTransport; fallbacks: FailedAttempt[] } }
  | { code: "no_sip_answer"; params: { reason: WireReason; fallbacks: FailedAttempt[] } }
  | { code: "attempts_failed"; params: { attempts: FailedAttempt[] } }
  | { code: "challenged"; params: StatusLine & { realm: string; algorithm: string; qop: string[] } }
  | { code: "auth_unsupported"; params: StatusLine & { offered: string[] } }
  | { code: "open_registration"; params: StatusLine }
  | { code: "sip_response"; params: StatusLine }
  | { code: "redirect_failed"; params: StatusLine & { to: string | null; note: string } }
  | { code: "not_sent_rate_limited"; params: { retryAfterSeconds: number } }
  | { code: "algorithm_unsupported"; params: { algorithm: string } }
  | { code: "wire_failed"; params: { reason: WireReason } }
  | { code: "credentials_rejected"; params: StatusLine & { again: boolean } }
  | { code: "registration_refused"; params: StatusLine }
  | { code: "credentials_accepted"; params: StatusLine & { bindings: BindingInfo[] } }
  | { code: "bound"; params: StatusLine & { expires: number } }
  | { code: "binding_evicted"; params: StatusLine & { vanished: BindingInfo[] } }
  | { code: "unbound"; params: StatusLine }
  | { code: "skipped"; params: { why: SkipReason; bindings?: number; fallbacks?: FailedAttempt[] } };

export type StepDetailCode = StepDetail["code"];

/** One renderer per step-detail code, per locale (step-texts-en.ts, step-texts-nl.ts). */
export type StepTexts = {
  [C in StepDetailCode]: (p: Extract<StepDetail, { code: C }>["params"]) => string;
};
