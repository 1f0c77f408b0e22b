/** Test helper: runSipCheck against loopback with the policy set explicitly (never from env). */
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
