/**
 * The REGISTER rungs after a transport answered: read the challenge, prove the credentials with a
 * query REGISTER, and in mode "register" bind and unbind.
 */
import "server-only";
import type { Verdict } from "@/lib/verdicts/codes";
import type { BindingInfo, StepDetail } from "@/lib/verdicts/step-details";
import type { Ids } from "../message/ids";
import type { SipResponse } from "../message/types";
import type { AttemptOk } from "./attempt";
import { Authenticator, challengeOf, judge, sendWithCredentials } from "./auth-steps";
import { verdictForStatus } from "./classify";
import type { CheckContext } from "./context";
import type { Identity } from "./session";
import type { AuthGate, SipCheckInput } from "./types";

export type RungDeps = {
  ctx: CheckContext;
  ids: Ids;
  budgetMs: number;
  gate?: AuthGate;
  signal?: AbortSignal;
};

const BINDING_EXPIRES = 60;
const MAX_MIN_EXPIRES = 3600;

function line(r: SipResponse): { status: number; reason: string } {
  return { status: r.statusCode, reason: r.reason };
}

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
    if (realm.toLowerCase() !== id.domainHost.toLowerCase()) ctx.warn("realm_mismatch");
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
  } else {
    ctx.decide(first);
    ctx.step(
      "register_challenge",
      "fail",
      ok.startedAt,
      { code: "sip_response", params: line(first) },
      ok.finishedAt,
    );
    return verdictForStatus(status, "challenge");
  }

  const credDeps = {
    ctx,
    session: ok.session,
    target: ok.target,
    budgetMs: d.budgetMs,
    signal: d.signal,
    gate: d.gate,
  };

  if (auth) {
    const t0 = performance.now();
    ctx.start("register_auth", d.budgetMs);
    const out = await sendWithCredentials({}, { ...credDeps, auth, retry: "stale" });
    const v = judge(ctx, out, "auth");
    if (!v.ok) {
      ctx.step("register_auth", "fail", t0, v.detail);
      return v.verdict;
    }
    // RFC 3261 10.2.3: a REGISTER without Contact is answered with all current bindings.
    const bindings = v.response.contacts.length;
    if (bindings > 0) {
      ctx.warn("existing_binding");
      ctx.facts.bindings = bindings;
    }
    ctx.step("register_auth", bindings > 0 ? "warn" : "pass", t0, {
      code: "credentials_accepted",
      params: { ...line(v.response), bindings: bindingsOf(v.response) },
    });
  }

  if (input.mode !== "register") return "registered";

  // The binding: our Contact, a short Expires; 423 earns one retry with Min-Expires (RFC 3261 10.2.8).
  const t1 = performance.now();
  ctx.start("register_binding", d.budgetMs);
  const contact = ok.session.contact();
  const bind = async (expires: number) =>
    auth
      ? judge(
          ctx,
          await sendWithCredentials({ contact, expires }, { ...credDeps, auth, retry: "once" }),
          "binding",
        )
      : plain(ctx, await ok.session.register({ contact, expires }, d.budgetMs, d.signal));
  let expires = BINDING_EXPIRES;
  let bound = await bind(expires);
  if (!bound.ok && ctx.decisive?.statusCode === 423) {
    const min = ctx.decisive.minExpires;
    if (min !== null && min > expires && min <= MAX_MIN_EXPIRES) {
      ctx.warn("interval_too_brief");
      ctx.facts.minExpires = min;
      expires = min;
      bound = await bind(expires);
    }
  }
  if (!bound.ok) {
    ctx.step("register_binding", "fail", t1, bound.detail);
    return bound.verdict;
  }
  const { address, port } = ok.session.transport.local;
  const ours = `@${address.includes(":") ? `[${address}]` : address}:${port}`;
  const granted = bound.response.contacts.find((c) => c.uri.includes(ours))?.expires;
  ctx.step("register_binding", "pass", t1, {
    code: "bound",
    params: { ...line(bound.response), expires: granted ?? expires },
  });

  // The clean-up ignores cancellation: once bound, leaving the test binding on the PBX would
  // be worse than finishing a request that takes at most one budget.
  const t2 = performance.now();
  ctx.start("unregister", d.budgetMs);
  const unbound = auth
    ? judge(
        ctx,
        await sendWithCredentials(
          { contact, expires: 0 },
          { ...credDeps, signal: undefined, auth, retry: "once" },
        ),
        "binding",
      )
    : plain(ctx, await ok.session.register({ contact, expires: 0 }, d.budgetMs, undefined));
  if (unbound.ok) {
    ctx.step("unregister", "pass", t2, { code: "unbound", params: line(unbound.response) });
  } else {
    ctx.warn("unregister_failed");
    ctx.facts.expiresSeconds = granted ?? expires;
    ctx.step("unregister", "warn", t2, unbound.detail);
  }
  // The verdict rests on the binding, whatever the clean-up answered.
  ctx.decide(bound.response);
  return "registered";
}

/** A REGISTER the PBX takes without credentials (auth_not_required). */
function plain(ctx: CheckContext, out: Awaited<ReturnType<AttemptOk["session"]["register"]>>) {
  if (!out.ok)
    return {
      ok: false as const,
      verdict: out.code as Verdict,
      detail: { code: "wire_failed", params: { reason: out.reason } } satisfies StepDetail,
    };
  ctx.decide(out.response);
  const verdict = verdictForStatus(out.response.statusCode, "binding");
  return verdict === "registered"
    ? { ok: true as const, response: out.response }
    : {
        ok: false as const,
        verdict,
        detail: { code: "sip_response", params: line(out.response) } satisfies StepDetail,
      };
}

/** The bindings a registrar listed, capped: they are the peer's words (RFC 3261 10.3 step 8). */
export function bindingsOf(r: SipResponse): BindingInfo[] {
  return r.contacts.slice(0, 10).map((c) => ({ uri: c.uri.slice(0, 200), expires: c.expires }));
}
