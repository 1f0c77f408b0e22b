/**
 * Plain-language advice for every verdict and warning, in English and Dutch: what happened, what
 * to change, and who must change it. The one source for these texts: the engine, the UI, the
 * support console and the provider guide all render from here. Browser-safe.
 */
import type { Locale } from "@/lib/i18n/config";
import {
  type CertProblem,
  type PbxFamily,
  VERDICTS,
  type Verdict,
  WARNINGS,
  type WarningCode,
} from "./codes";
import { EN } from "./texts-en";
import { NL } from "./texts-nl";

export type { Locale };
export type Responsible = "customer" | "provider" | "either" | "none";
export type { CertProblem };

/** Facts the engine learned, interpolated into the texts. All optional: texts read well without them. */
export type AdviceFacts = {
  domain?: string;
  realm?: string;
  retryAfterSeconds?: number;
  port?: number;
  transport?: string;
  certExpiry?: string;
  certSubject?: string;
  minExpires?: number;
  server?: string;
  statusCode?: number;
  reason?: string;
  algorithm?: string;
  certProblem?: CertProblem;
  redirectTarget?: string;
  bindings?: number;
  expiresSeconds?: number;
  /** The PBX product family, from its Server/User-Agent header. */
  pbxFamily?: PbxFamily;
  /** The PBX accepted the credentials earlier in this test: a later refusal is not about them. */
  credentialsAccepted?: boolean;
  /** A device's binding that vanished when we registered (its Contact URI), and its remaining expiry. */
  evictedContact?: string;
  evictedExpires?: number;
  /** Why a test was refused before any login: see docs/pbx-safety.md. */
  refusal?: "rejected_before" | "target_budget" | "test_limit";
  /** When the refused test becomes possible (ISO 8601, UTC). */
  retryAt?: string;
};

export type AdviceCode = Verdict | WarningCode;

export type Advice = {
  code: AdviceCode;
  title: string;
  explanation: string;
  action: string;
  who: Responsible;
};

/** A locale's texts: plain strings, or functions of the facts when a fact makes the text sharper. */
export type AdviceText = {
  title: string | ((f: AdviceFacts) => string);
  explanation: (f: AdviceFacts) => string;
  action: (f: AdviceFacts) => string;
};
export type AdviceTexts = Record<AdviceCode, AdviceText>;

/** Who has to act. The same in every language. */
const WHO: Record<AdviceCode, Responsible> = {
  registered: "none",
  wrong_credentials: "customer",
  unknown_user: "either",
  forbidden: "provider",
  account_in_use: "either",
  not_registrar: "provider",
  dns_failed: "customer",
  private_address: "provider",
  blocked_target: "customer",
  unreachable: "either",
  timeout: "provider",
  tls_failed: "provider",
  server_error: "provider",
  unsupported_auth: "provider",
  protocol_error: "either",
  rate_limited: "customer",
  redirected_elsewhere: "customer",
  existing_binding: "customer",
  realm_mismatch: "customer",
  nat_rewrite: "provider",
  self_signed_cert: "provider",
  transport_fallback: "none",
  interval_too_brief: "none",
  redirected: "customer",
  private_answers_ignored: "provider",
  options_unanswered: "none",
  auth_not_required: "provider",
  unregister_failed: "none",
  cert_expires_soon: "provider",
};

const TEXTS: Record<Locale, AdviceTexts> = { en: EN, nl: NL };

export function adviceFor(code: AdviceCode, locale: Locale, facts: AdviceFacts = {}): Advice {
  const text = TEXTS[locale][code];
  return {
    code,
    title: typeof text.title === "string" ? text.title : text.title(facts),
    explanation: text.explanation(facts),
    action: text.action(facts),
    who: WHO[code],
  };
}

const WHO_LABELS: Record<Locale, Record<Responsible, string>> = {
  en: {
    customer: "you",
    provider: "your telecom provider",
    either: "you or your telecom provider",
    none: "nobody",
  },
  nl: { customer: "u", provider: "uw telecomprovider", either: "u of uw telecomprovider", none: "niemand" },
};

/** "Who must act", in words: `provider` → "your telecom provider". */
export function whoLabel(who: Responsible, locale: Locale): string {
  return WHO_LABELS[locale][who];
}

/** Every verdict and warning with its advice, for the guide's troubleshooting section. */
export function allAdvice(locale: Locale): { verdicts: Advice[]; warnings: Advice[] } {
  return {
    verdicts: VERDICTS.map((c) => adviceFor(c, locale)),
    warnings: WARNINGS.map((c) => adviceFor(c, locale)),
  };
}

export { formatDate } from "./format";
