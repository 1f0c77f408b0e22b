/**
 * The REGISTER rungs after a transport answered: read the challenge, prove the credentials with a
 * query REGISTER, and in mode "register" bind and unbind (./binding).
 */
import "server-only";
import type { Verdict } from "@/lib/verdicts/codes";
import type { SipResponse } from "../message/types";
import type { AttemptOk } from "./attempt";
import { Authenticator, challengeOf, judge, sendWithCredentials } from "./auth-steps";
import { bindAndUnbind } from "./binding";
import { verdictFor } from "./classify";
import type { CheckContext } from "./context";
import { bindingsOf, line, type RungDeps } from "./rung-parts";
import type { Identity } from "./session";
import type { SipCheckInput } from "./types";

export async function registerRungs(
  ok: AttemptOk,
  input: SipCheckInput,
  id: Identity,
  d: RungDeps,
): Promise<Verdict> {
  const { ctx } = d;
  const first = ok.challenge;
  const status = first.statusCode;
  let auth: Authenticator | null = null;
  // The bindings the registrar listed for a REGISTER without Contact (RFC 3261 10.2.3).
  let listed: SipResponse;

  if (status === 401 || status === 407) {
    const chosen = challengeOf(first);
    if (!chosen?.digest) {
      ctx.decide(first);
      const offered = first.challenges.map((c) => c.digest?.algorithm ?? c.scheme);
      ctx.facts.algorithm =
        first.challenges[0]?.digest?.algorithm ?? first.challenges[0]?.scheme ?? "unknown";
      ctx.step(
        "register_challenge",
        "fail",
        ok.startedAt,
        { code: "auth_unsupported", params: { ...line(first), offered } },
        ok.finishedAt,
      );
      return "unsupported_auth";
    }
    const { realm, algorithm, qop } = chosen.digest;
    ctx.facts.realm = realm;
    ctx.facts.algorithm = algorithm ?? "MD5";
    // Realm ≠ domain is normal (Asterisk's "asterisk"); it only explains a failure (result.ts).
    ctx.realmDiffers = realm.toLowerCase() !== id.domainHost.toLowerCase();
    ctx.step(
      "register_challenge",
      "pass",
      ok.startedAt,
      { code: "challenged", params: { ...line(first), realm, algorithm: algorithm ?? "MD5", qop: [...qop] } },
      ok.finishedAt,
    );
    auth = new Authenticator(
      chosen,
      {
        authUsername: input.authUsername?.trim() || id.username,
        password: input.password,
        requestUri: id.requestUri,
      },
      d.ids,
    );
    const t0 = performance.now();
    ctx.start("register_auth", d.budgetMs);
    const out = await sendWithCredentials(
      {},
      {
        ctx,
        session: ok.session,
        target: ok.target,
        budgetMs: d.budgetMs,
        signal: d.signal,
        gate: d.gate,
        auth,
      },
    );
    const v = judge(ctx, out, "auth");
    if (!v.ok) {
      ctx.step("register_auth", "fail", t0, v.detail);
      return v.verdict;
    }
    ctx.facts.credentialsAccepted = true;
    listed = v.response;
    noteBindings(ctx, listed);
    ctx.step("register_auth", listed.contacts.length > 0 ? "warn" : "pass", t0, {
      code: "credentials_accepted",
      params: { ...line(listed), bindings: bindingsOf(listed) },
    });
  } else if (status >= 200 && status < 300) {
    ctx.warn("auth_not_required");
    ctx.step(
      "register_challenge",
      "warn",
      ok.startedAt,
      { code: "open_registration", params: line(first) },
      ok.finishedAt,
    );
    ctx.step("register_auth", "skip", performance.now(), {
      code: "skipped",
      params: { why: "no_credentials_asked" },
    });
    ctx.decide(first);
    listed = first;
    noteBindings(ctx, listed);
  } else {
    ctx.decide(first);
    ctx.step(
      "register_challenge",
      "fail",
      ok.startedAt,
      { code: "sip_response", params: line(first) },
      ok.finishedAt,
    );
    return verdictFor(first, "challenge", ctx.pbxFamily);
  }

  if (input.mode !== "register") return "registered";
  return bindAndUnbind(ok, auth, listed, d);
}

function noteBindings(ctx: CheckContext, r: SipResponse): void {
  if (r.contacts.length === 0) return;
  ctx.warn("existing_binding");
  ctx.facts.bindings = r.contacts.length;
}
