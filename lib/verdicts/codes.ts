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
  /** Another device uses the account, or the PBX refused or dropped a contact for it (docs/pbx-behaviour.md). */
  "account_in_use",
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
  "redirected_elsewhere",
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

/** PBX product families told apart by their Server/User-Agent header; advice differs per family. */
export const PBX_FAMILIES = [
  "asterisk",
  "freepbx",
  "3cx",
  "yeastar",
  "grandstream",
  "kamailio",
  "opensips",
  "freeswitch",
] as const;
export type PbxFamily = (typeof PBX_FAMILIES)[number];

/** Product names as the PBX vendors write them (the same in every language). */
export const PBX_NAMES: Record<PbxFamily, string> = {
  asterisk: "Asterisk",
  freepbx: "FreePBX",
  "3cx": "3CX",
  yeastar: "Yeastar",
  grandstream: "Grandstream UCM",
  kamailio: "Kamailio",
  opensips: "OpenSIPS",
  freeswitch: "FreeSWITCH",
};

/** Families that run Asterisk inside: they challenge unknown users and answer 403 after a good digest. */
export function isAsteriskBased(family: PbxFamily | null | undefined): boolean {
  return family === "asterisk" || family === "freepbx" || family === "yeastar" || family === "grandstream";
}

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
