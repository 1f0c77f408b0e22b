import type { Json } from "@/lib/json";
import type { AdviceFacts, CertProblem } from "@/lib/verdicts/advice";
import { PBX_FAMILIES, type PbxFamily } from "@/lib/verdicts/codes";

/**
 * The engine's advice facts as connection_tests.facts keeps them. A whitelist, both ways: only
 * known keys of the right type are written or read, so a field added to AdviceFacts later (say,
 * a digest response) cannot reach the database unnoticed. Strings are capped, and a string that
 * contains the password is dropped outright.
 */

const STRING_KEYS = [
  "domain",
  "realm",
  "transport",
  "certExpiry",
  "certSubject",
  "server",
  "reason",
  "algorithm",
  "redirectTarget",
  "retryAt",
  "evictedContact",
] as const;
const NUMBER_KEYS = [
  "retryAfterSeconds",
  "port",
  "minExpires",
  "statusCode",
  "bindings",
  "expiresSeconds",
  "evictedExpires",
] as const;
const CERT_PROBLEMS: readonly CertProblem[] = [
  "expired",
  "not_yet_valid",
  "self_signed",
  "wrong_host",
  "untrusted",
  "handshake",
];
/** Longer than any realm, subject or Server header worth showing; a cap against junk. */
const MAX_STRING = 300;

function pick(source: Readonly<Record<string, unknown>>, isSafe: (s: string) => boolean): AdviceFacts {
  const facts: AdviceFacts = {};
  for (const k of STRING_KEYS) {
    const v = source[k];
    if (typeof v === "string" && v.length <= MAX_STRING && isSafe(v)) facts[k] = v;
  }
  for (const k of NUMBER_KEYS) {
    const v = source[k];
    if (typeof v === "number" && Number.isFinite(v)) facts[k] = v;
  }
  const refusal = source.refusal;
  if (refusal === "rejected_before" || refusal === "target_budget" || refusal === "test_limit")
    facts.refusal = refusal;
  const problem = source.certProblem;
  if (typeof problem === "string" && (CERT_PROBLEMS as readonly string[]).includes(problem))
    facts.certProblem = problem as CertProblem;
  const family = source.pbxFamily;
  if (typeof family === "string" && (PBX_FAMILIES as readonly string[]).includes(family))
    facts.pbxFamily = family as PbxFamily;
  if (source.credentialsAccepted === true) facts.credentialsAccepted = true;
  return facts;
}

/**
 * The facts fit to show or keep. `password` is the one just used: a fact echoing it (a
 * misbehaving PBX can put anything in a realm or reason phrase) is dropped.
 */
export function safeFacts(facts: AdviceFacts, password: string): AdviceFacts {
  return pick(facts, (s) => password.length === 0 || !s.includes(password));
}

/** What to store: the same as safeFacts, as a JSON column value. */
export function storableFacts(facts: AdviceFacts, password: string): { [key: string]: Json } {
  return { ...safeFacts(facts, password) };
}

/** Facts read back from a row; anything unexpected is ignored. */
export function parseFacts(v: unknown): AdviceFacts {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return {};
  return pick(v as Readonly<Record<string, unknown>>, () => true);
}
