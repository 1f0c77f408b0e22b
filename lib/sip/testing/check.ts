/** Test helper: runSipCheck against loopback with the policy set explicitly (never from env). */
import { adviceFor, type Locale } from "@/lib/verdicts/advice";
import type { StepName } from "@/lib/verdicts/codes";
import { stepDetailText } from "@/lib/verdicts/step-texts";
import { runSipCheck } from "../index";
import type { SipCheckInput, SipCheckOptions, SipCheckResult } from "../probe/types";

export const LOOPBACK_POLICY = { allowCidrs: ["127.0.0.0/8"] };

export function check(
  input: Partial<SipCheckInput> & Pick<SipCheckInput, "username" | "domain">,
  options: SipCheckOptions = {},
): Promise<SipCheckResult> {
  return runSipCheck(
    { password: "", transport: "udp", mode: "query", ...input },
    { policy: LOOPBACK_POLICY, timeoutMs: 1500, ...options },
  );
}

export function stepStatus(r: SipCheckResult): Record<string, string> {
  return Object.fromEntries(r.steps.map((s) => [s.name, s.status]));
}

/** A step's detail as the English UI shows it. */
export function detailText(r: SipCheckResult, name: StepName): string {
  const s = r.steps.find((x) => x.name === name);
  return s ? stepDetailText(s.detail, "en") : "";
}

/** The verdict's and warnings' advice as the app renders it (the engine returns codes only). */
export function adviceOf(r: SipCheckResult, locale: Locale = "en") {
  return {
    verdict: adviceFor(r.verdict, locale, r.facts),
    warnings: r.warnings.map((w) => adviceFor(w, locale, r.facts)),
  };
}
