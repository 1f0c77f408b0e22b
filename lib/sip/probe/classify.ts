/** Maps SIP responses and transport failures to verdicts (docs/pbx-behaviour.md). */
import "server-only";
import { isAsteriskBased, type PbxFamily, type Verdict } from "@/lib/verdicts/codes";
import type { SipResponse } from "../message/types";

/**
 * Where in the ladder a response came: "challenge" (no credentials sent yet), "auth" (the first
 * credentialed REGISTER), "binding" (after the credentials were accepted, or none were needed).
 */
export type Phase = "challenge" | "auth" | "binding";

export type Answer = Pick<SipResponse, "statusCode" | "reason" | "header">;

/**
 * A registrar that refuses one more contact: Kamailio answers 503 with `P-Registrar-Error: Too
 * many registered contacts`; others say "max contacts" in the reason (RFC 3261 10.3 leaves the
 * code to the server).
 */
const TOO_MANY = /too many (registered )?contacts|max(imum)?[ _-]?contacts/i;

/** The registrar's own words for a refusal: its reason phrase, and Kamailio's error header. */
export function refusalText(a: Answer): string {
  const note = a.header("P-Registrar-Error");
  return note ? `${a.reason} (${note.slice(0, 100)})` : a.reason;
}

export function verdictFor(a: Answer, phase: Phase, family: PbxFamily | null): Verdict {
  const status = a.statusCode;
  if (status >= 200 && status < 300) return "registered";
  if (TOO_MANY.test(refusalText(a))) return "account_in_use";
  if (status === 401 || status === 407 || status === 403) {
    // Once the credentials were accepted, a refusal is about the registration, never the password.
    if (phase === "binding") return "forbidden";
    if (status === 403 && phase === "challenge") return "forbidden";
    // Asterisk answers a wrong digest with another 401, so its 403 means the digest passed.
    if (status === 403 && isAsteriskBased(family)) return "forbidden";
    return "wrong_credentials";
  }
  if (status === 404 || status === 410 || status === 604) return "unknown_user";
  // RFC 3261 21.4.6 / 21.5.2: the method is not allowed / not implemented: not a registrar.
  if (status === 405 || status === 501) return "not_registrar";
  if (status === 603) return "forbidden";
  return "server_error";
}

/** Whether a credentialed answer proves the credentials were accepted (for facts and the gate). */
export function credentialsAccepted(a: Answer, family: PbxFamily | null): boolean {
  if (a.statusCode >= 200 && a.statusCode < 300) return true;
  return a.statusCode === 403 && isAsteriskBased(family);
}
