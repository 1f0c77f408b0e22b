/**
 * Connects to one target and asks the first two questions at once (they are independent):
 * OPTIONS (is a SIP server there?) and REGISTER without credentials (learn realm, algorithm,
 * product). A transport-level failure lets `auto` try the next transport.
 */
import "server-only";
import type { SipTarget } from "@/lib/net/dns";
import type { AddressPolicy } from "@/lib/net/policy";
import type { Verdict } from "@/lib/verdicts/codes";
import type { Ids } from "../message/ids";
import type { SipResponse } from "../message/types";
import type { Timers, TxOutcome } from "../transaction/client";
import { openTransport } from "../transport";
import type { CertProblem, FailureReason, TlsCertInfo } from "../transport/types";
import type { CheckContext } from "./context";
import { type Identity, Session } from "./session";

export type AttemptOk = {
  ok: true;
  target: SipTarget;
  session: Session;
  options: TxOutcome;
  challenge: SipResponse;
  startedAt: number;
  finishedAt: number;
};
export type AttemptFailure = {
  ok: false;
  target: SipTarget;
  verdict: Verdict;
  reason: FailureReason;
  /** OPTIONS' own outcome, when the transport opened. */
  options: TxOutcome | null;
  tls: { problem: CertProblem; cert: TlsCertInfo | null } | null;
  startedAt: number;
  finishedAt: number;
};

export type AttemptDeps = {
  ctx: CheckContext;
  ids: Ids;
  policy: AddressPolicy;
  budgetMs: number;
  tlsCa?: string[];
  timers?: Timers;
  signal?: AbortSignal;
};

const SOON_MS = 21 * 24 * 3600 * 1000;

export async function attempt(
  target: SipTarget,
  identity: Identity,
  d: AttemptDeps,
): Promise<AttemptOk | AttemptFailure> {
  const startedAt = performance.now();
  d.ctx.start("options", d.budgetMs);
  d.ctx.start("register_challenge", d.budgetMs);
  const opened = await openTransport({
    kind: target.transport,
    address: target.address,
    port: target.port,
    hostname: target.host,
    policy: d.policy,
    timeoutMs: d.budgetMs,
    tlsCa: d.tlsCa,
    signal: d.signal,
  });
  if (!opened.ok) {
    if (opened.tls) noteCert(d.ctx, opened.tls.cert, opened.tls.problem);
    return {
      ok: false,
      target,
      verdict: opened.code,
      reason: opened.reason,
      options: null,
      tls: opened.tls ?? null,
      startedAt,
      finishedAt: performance.now(),
    };
  }
  const transport = opened.transport;
  if (transport.tls) noteCert(d.ctx, transport.tls, null);
  const session = new Session(transport, identity, d.ids, d.ctx, d.timers);
  const [options, register] = await Promise.all([
    session.options(d.budgetMs, d.signal),
    session.register({}, d.budgetMs, d.signal),
  ]);
  if (!register.ok) {
    session.close();
    return {
      ok: false,
      target,
      verdict: register.code,
      reason: register.reason,
      options,
      tls: null,
      startedAt,
      finishedAt: performance.now(),
    };
  }
  return {
    ok: true,
    target,
    session,
    options,
    challenge: register.response,
    startedAt,
    finishedAt: performance.now(),
  };
}

function noteCert(ctx: CheckContext, cert: TlsCertInfo | null, problem: CertProblem | null): void {
  if (problem) ctx.facts.certProblem = problem;
  if (problem === "self_signed") ctx.warn("self_signed_cert");
  if (!cert) return;
  if (cert.subject) ctx.facts.certSubject = cert.subject;
  if (cert.validTo) {
    ctx.facts.certExpiry = cert.validTo;
    const left = Date.parse(cert.validTo) - Date.now();
    if (problem === null && left > 0 && left < SOON_MS) ctx.warn("cert_expires_soon");
  }
}
