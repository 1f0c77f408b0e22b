/**
 * What the REGISTER rungs (./rungs) and the bind-and-unbind rung (./binding) share: their
 * dependencies and how a response becomes a step's words. A leaf, so neither imports the other.
 */
import "server-only";
import type { Verdict } from "@/lib/verdicts/codes";
import type { BindingInfo, StepDetail } from "@/lib/verdicts/step-details";
import type { Ids } from "../message/ids";
import type { SipResponse } from "../message/types";
import type { TxOutcome } from "../transaction/client";
import { refusalText, verdictFor } from "./classify";
import type { CheckContext } from "./context";
import type { AuthGate } from "./types";

export type RungDeps = {
  ctx: CheckContext;
  ids: Ids;
  budgetMs: number;
  gate?: AuthGate;
  signal?: AbortSignal;
};

export function line(r: SipResponse): { status: number; reason: string } {
  return { status: r.statusCode, reason: refusalText(r) };
}

/** A REGISTER the PBX takes without credentials (auth_not_required). */
export function plain(
  ctx: CheckContext,
  out: TxOutcome,
): { ok: true; response: SipResponse } | { ok: false; verdict: Verdict; detail: StepDetail } {
  if (!out.ok)
    return { ok: false, verdict: out.code, detail: { code: "wire_failed", params: { reason: out.reason } } };
  ctx.decide(out.response);
  const verdict = verdictFor(out.response, "binding", ctx.pbxFamily);
  return verdict === "registered"
    ? { ok: true, response: out.response }
    : { ok: false, verdict, detail: { code: "sip_response", params: line(out.response) } };
}

/** The bindings a registrar listed, capped: they are the peer's words (RFC 3261 10.3 step 8). */
export function bindingsOf(r: SipResponse): BindingInfo[] {
  return r.contacts.slice(0, 10).map((c) => ({ uri: c.uri.slice(0, 200), expires: c.expires }));
}
