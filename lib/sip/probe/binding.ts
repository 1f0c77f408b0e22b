/**
 * Mode "register": bind our test Contact, check that no device lost its binding, and unbind.
 * Never evicts a device (docs/pbx-behaviour.md): with bindings listed by the query REGISTER,
 * nothing is bound at all, because a single-contact PBX (FreePBX's max_contacts=1 with
 * remove_existing) would silently log that device out.
 */
import "server-only";
import type { Verdict } from "@/lib/verdicts/codes";
import type { BindingInfo } from "@/lib/verdicts/step-details";
import type { ContactInfo, SipResponse } from "../message/types";
import type { AttemptOk } from "./attempt";
import { type Authenticator, judge, sendWithCredentials } from "./auth-steps";
import { bindingsOf, line, plain, type RungDeps } from "./rung-parts";

const BINDING_EXPIRES = 60;
const MAX_MIN_EXPIRES = 3600;

/** RFC 3261 19.1.4 compares URIs part by part; the brackets, scheme and host case never matter. */
function uriKey(uri: string): string {
  return uri.replace(/^<|>$/g, "").toLowerCase();
}

/** Bindings listed before ours that the registrar no longer lists after ours. */
export function vanishedContacts(before: ContactInfo[], after: ContactInfo[]): ContactInfo[] {
  const kept = new Set(after.map((c) => uriKey(c.uri)));
  return before.filter((c) => !kept.has(uriKey(c.uri)));
}

export async function bindAndUnbind(
  ok: AttemptOk,
  auth: Authenticator | null,
  listed: SipResponse,
  d: RungDeps,
): Promise<Verdict> {
  const { ctx } = d;
  if (listed.contacts.length > 0) {
    ctx.step("register_binding", "skip", performance.now(), {
      code: "skipped",
      params: { why: "devices_registered", bindings: listed.contacts.length },
    });
    return "account_in_use";
  }
  const session = ok.session;
  const credDeps = { ctx, session, target: ok.target, budgetMs: d.budgetMs, gate: d.gate };
  const contact = session.contact();
  const bind = async (expires: number) =>
    auth
      ? judge(
          ctx,
          await sendWithCredentials({ contact, expires }, { ...credDeps, auth, signal: d.signal }),
          "binding",
        )
      : plain(ctx, await session.register({ contact, expires }, d.budgetMs, d.signal));

  // The binding: our Contact, a short Expires; 423 earns one retry with Min-Expires (RFC 3261 10.2.8).
  const t1 = performance.now();
  ctx.start("register_binding", d.budgetMs);
  session.answerQualify(true);
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
  const { address, port } = session.transport.local;
  const ours = `@${address.includes(":") ? `[${address}]` : address}:${port}`;
  const granted = bound.response.contacts.find((c) => c.uri.includes(ours))?.expires ?? expires;
  const vanished: BindingInfo[] = bindingsOf({
    ...bound.response,
    contacts: vanishedContacts(listed.contacts, bound.response.contacts),
  });
  const evicted = vanished[0];
  if (evicted) {
    // Loud: the provider needs the device's Contact and expiry to bring it back.
    ctx.facts.evictedContact = evicted.uri;
    if (evicted.expires !== null) ctx.facts.evictedExpires = evicted.expires;
    ctx.step("register_binding", "fail", t1, {
      code: "binding_evicted",
      params: { ...line(bound.response), vanished },
    });
  } else {
    ctx.step("register_binding", "pass", t1, {
      code: "bound",
      params: { ...line(bound.response), expires: granted },
    });
  }

  // The clean-up ignores cancellation: once bound, leaving the test binding on the PBX would
  // be worse than finishing a request that takes at most one budget.
  const t2 = performance.now();
  ctx.start("unregister", d.budgetMs);
  const unbound = auth
    ? judge(ctx, await sendWithCredentials({ contact, expires: 0 }, { ...credDeps, auth }), "binding")
    : plain(ctx, await session.register({ contact, expires: 0 }, d.budgetMs, undefined));
  session.answerQualify(false);
  if (unbound.ok) {
    ctx.step("unregister", "pass", t2, { code: "unbound", params: line(unbound.response) });
  } else {
    ctx.warn("unregister_failed");
    ctx.facts.expiresSeconds = granted;
    ctx.step("unregister", "warn", t2, unbound.detail);
  }
  // The verdict rests on the binding, whatever the clean-up answered.
  ctx.decide(bound.response);
  return evicted ? "account_in_use" : "registered";
}
