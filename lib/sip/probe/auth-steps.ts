/**
 * The credentialed rungs: a query REGISTER (no Contact, RFC 3261 10.2.3: changes no bindings),
 * then in mode "register" a real binding and its removal.
 *
 * Lockout safety (RFC 3261 22.3, RFC 7616 3.3; docs/pbx-behaviour.md): a credential is sent once
 * per request; only a challenge with stale=true (the digest was right, the nonce old) earns one
 * more try. A rejection is final, whatever was accepted before: nothing is sent again after it.
 */
import "server-only";
import type { SipTarget } from "@/lib/net/dns";
import type { Verdict } from "@/lib/verdicts/codes";
import type { StepDetail } from "@/lib/verdicts/step-details";
import { chooseChallenge, computeDigest } from "../auth/digest";
import type { Ids } from "../message/ids";
import type { ChallengeInfo, SipResponse } from "../message/types";
import type { TxOutcome } from "../transaction/client";
import { credentialsAccepted, type Phase, refusalText, verdictFor } from "./classify";
import type { CheckContext } from "./context";
import type { RegisterParams, Session } from "./session";
import type { AuthGate } from "./types";

export type Credentials = { authUsername: string; password: string; requestUri: string };

export type CredentialedOutcome =
  | { kind: "response"; response: SipResponse }
  | { kind: "failed"; outcome: Extract<TxOutcome, { ok: false }> }
  | { kind: "gated"; retryAfterSeconds: number }
  | { kind: "unsupported"; algorithm: string };

/** Holds the current challenge and counts its uses (nc, RFC 7616 3.4). */
export class Authenticator {
  private nc = 0;
  private cnonce: string;

  constructor(
    private challenge: ChallengeInfo,
    private readonly creds: Credentials,
    private readonly ids: Ids,
  ) {
    this.cnonce = ids.cnonce();
  }

  update(challenge: ChallengeInfo): void {
    this.challenge = challenge;
    this.nc = 0;
    this.cnonce = this.ids.cnonce();
  }

  next():
    | { ok: true; header: NonNullable<RegisterParams["authorization"]> }
    | { ok: false; algorithm: string; detail: string } {
    const digest = this.challenge.digest;
    if (!digest)
      return {
        ok: false,
        algorithm: this.challenge.scheme,
        detail: `${this.challenge.scheme} authentication`,
      };
    this.nc += 1;
    const r = computeDigest({
      challenge: digest,
      username: this.creds.authUsername,
      password: this.creds.password,
      method: "REGISTER",
      uri: this.creds.requestUri,
      cnonce: this.cnonce,
      nc: this.nc,
    });
    if (!r.ok) return { ok: false, algorithm: r.algorithm, detail: r.detail };
    // RFC 3261 22.2 / 22.3: answer a 401 in Authorization, a 407 in Proxy-Authorization.
    const name = this.challenge.header === "Proxy-Authenticate" ? "Proxy-Authorization" : "Authorization";
    return { ok: true, header: { name, value: r.headerValue } };
  }
}

/** The supported challenge of a 401/407, in the header that matches the status. */
export function challengeOf(r: SipResponse): ChallengeInfo | null {
  const header = r.statusCode === 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
  return chooseChallenge(r.challenges.filter((c) => c.header === header));
}

export type CredentialedDeps = {
  ctx: CheckContext;
  session: Session;
  auth: Authenticator;
  gate?: AuthGate;
  target: SipTarget;
  budgetMs: number;
  signal?: AbortSignal;
};

export async function sendWithCredentials(
  params: RegisterParams,
  d: CredentialedDeps,
): Promise<CredentialedOutcome> {
  for (let round = 0; round < 2; round++) {
    const permit = d.gate
      ? await d.gate({
          host: d.target.host,
          address: d.target.address,
          port: d.target.port,
          transport: d.target.transport,
        })
      : null;
    if (permit && !permit.ok) return { kind: "gated", retryAfterSeconds: permit.retryAfterSeconds };
    const settle = async (o: "success" | "failure") => {
      if (permit?.ok) await permit.settle(o);
    };
    const next = d.auth.next();
    if (!next.ok) {
      await settle("success");
      return { kind: "unsupported", algorithm: next.algorithm };
    }
    const out = await d.session.register({ ...params, authorization: next.header }, d.budgetMs, d.signal);
    if (!out.ok) {
      // Silence right after credentials may be a ban (fail2ban); count it against the host.
      await settle("failure");
      return { kind: "failed", outcome: out };
    }
    const r = out.response;
    if (r.statusCode === 401 || r.statusCode === 407) {
      const again = challengeOf(r);
      if (round === 0 && again?.digest?.stale === true) {
        await settle("success");
        d.auth.update(again);
        continue;
      }
      await settle("failure");
      return { kind: "response", response: r };
    }
    const accepted = credentialsAccepted(r, d.ctx.pbxFamily);
    await settle(accepted || r.statusCode >= 500 ? "success" : "failure");
    return { kind: "response", response: r };
  }
  throw new Error("unreachable: the loop returns within two rounds");
}

export type StepVerdict =
  | { ok: true; response: SipResponse }
  | { ok: false; verdict: Verdict; detail: StepDetail };

/** Turns a credentialed outcome into a verdict for `phase`, recording facts. */
export function judge(
  ctx: CheckContext,
  o: CredentialedOutcome,
  phase: Exclude<Phase, "challenge">,
): StepVerdict {
  switch (o.kind) {
    case "gated":
      ctx.facts.retryAfterSeconds = o.retryAfterSeconds;
      return {
        ok: false,
        verdict: "rate_limited",
        detail: { code: "not_sent_rate_limited", params: { retryAfterSeconds: o.retryAfterSeconds } },
      };
    case "unsupported":
      ctx.facts.algorithm = o.algorithm;
      return {
        ok: false,
        verdict: "unsupported_auth",
        detail: { code: "algorithm_unsupported", params: { algorithm: o.algorithm } },
      };
    case "failed":
      return {
        ok: false,
        verdict: o.outcome.code,
        detail: { code: "wire_failed", params: { reason: o.outcome.reason } },
      };
    case "response": {
      const r = o.response;
      ctx.decide(r);
      const verdict = verdictFor(r, phase, ctx.pbxFamily);
      if (phase === "auth" && credentialsAccepted(r, ctx.pbxFamily)) ctx.facts.credentialsAccepted = true;
      if (verdict === "registered") return { ok: true, response: r };
      const status = { status: r.statusCode, reason: refusalText(r) };
      if (verdict === "forbidden" || verdict === "account_in_use")
        return { ok: false, verdict, detail: { code: "registration_refused", params: status } };
      const again = r.statusCode === 401 || r.statusCode === 407;
      return { ok: false, verdict, detail: { code: "credentials_rejected", params: { ...status, again } } };
    }
  }
}
