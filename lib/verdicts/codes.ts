/**
 * Stable verdict and warning codes of the SIP test, shared by the engine, the UI, the support
 * console and scripts. Browser-safe: no server-only, no node imports.
 */

/** One verdict per test; `registered` is the only successful one. */
export const VERDICTS = [
  "registered",
  "wrong_credentials",
  "unknown_user",
  "forbidden",
  "not_registrar",
  "dns_failed",
  "private_address",
  "blocked_target",
  "unreachable",
  "timeout",
  "tls_failed",
  "server_error",
  "unsupported_auth",
  "protocol_error",
  "rate_limited",
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Zero or more per test; they never change the verdict. */
export const WARNINGS = [
  "existing_binding",
  "realm_mismatch",
  "nat_rewrite",
  "self_signed_cert",
  "transport_fallback",
  "interval_too_brief",
  "redirected",
  "private_answers_ignored",
  "options_unanswered",
  "auth_not_required",
  "unregister_failed",
  "cert_expires_soon",
] as const;
export type WarningCode = (typeof WARNINGS)[number];

export type StepStatus = "pass" | "fail" | "warn" | "skip";
export const STEP_NAMES = [
  "resolve",
  "ports",
  "options",
  "register_challenge",
  "register_auth",
  "register_binding",
  "unregister",
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** What was wrong with a PBX's TLS certificate (or its handshake). */
export type CertProblem =
  | "expired"
  | "not_yet_valid"
  | "self_signed"
  | "wrong_host"
  | "untrusted"
  | "handshake";

export function isVerdict(value: string): value is Verdict {
  return (VERDICTS as ReadonlyArray<string>).includes(value);
}

export function isWarningCode(value: string): value is WarningCode {
  return (WARNINGS as ReadonlyArray<string>).includes(value);
}
