/**
 * Types of the advice texts, apart from advice.ts so the per-language text files can import them
 * without importing advice.ts (which imports the texts).
 */
import type { Locale } from "@/lib/i18n/config";
import type { CertProblem, PbxFamily, Verdict, WarningCode } from "./codes";

export type { CertProblem, Locale };

export type Responsible = "customer" | "provider" | "either" | "none";
/** Who reads the advice: the words differ ("ask your provider" vs "open the port"), the facts not. */
export type Audience = "customer" | "provider" | "support";

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

/** Where the tester connects from, for "allow our addresses" (configuration, not engine facts). */
export type FirewallInfo = { signalling: readonly string[]; rtpRange: string | null };

/** What the texts see: the engine's facts plus who the account is and our addresses. */
export type TextFacts = AdviceFacts & { username?: string; firewall?: FirewallInfo };

export type AdviceCode = Verdict | WarningCode;

export type Advice = {
  code: AdviceCode;
  title: string;
  explanation: string;
  action: string;
  who: Responsible;
  /** `who` in the reader's words: "You" for the customer, "Your customer" for the provider. */
  whoText: string;
};

type Text = string | ((f: TextFacts) => string);
/**
 * A locale's text for one code, written to the customer. `provider` replaces the parts that
 * would speak to the wrong person when the provider reads it (e-mail, handoff, guide).
 */
export type AdviceText = {
  title: Text;
  explanation: (f: TextFacts) => string;
  action: (f: TextFacts) => string;
  provider?: { title?: Text; explanation?: (f: TextFacts) => string; action?: (f: TextFacts) => string };
};
export type AdviceTexts = Record<AdviceCode, AdviceText>;
