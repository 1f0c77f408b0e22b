/** Maps SIP responses to verdicts (RFC 3261 §21; docs/sip-failure-modes.md). */
import "server-only";
import type { Verdict } from "@/lib/verdicts/codes";

/** Where in the ladder a response came: a 403 before credentials is a policy, after them a rejection. */
export type Phase = "challenge" | "auth" | "binding";

export function verdictForStatus(status: number, phase: Phase): Verdict {
  if (status >= 200 && status < 300) return "registered";
  if (status === 401 || status === 407) return "wrong_credentials";
  if (status === 403) return phase === "auth" ? "wrong_credentials" : "forbidden";
  if (status === 404 || status === 410 || status === 604) return "unknown_user";
  // RFC 3261 21.4.6 / 21.5.2: the method is not allowed / not implemented: not a registrar.
  if (status === 405 || status === 501) return "not_registrar";
  if (status === 603) return "forbidden";
  return "server_error";
}
