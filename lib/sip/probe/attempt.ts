/**
 * Connects to one target and sends a REGISTER without credentials (learn realm, algorithm,
 * product). Its answer already proves a SIP server listens, so OPTIONS is sent only when that
 * answer is late, as a diagnosis: Asterisk's security log counts an OPTIONS for an unknown user as
 * a failure, and fail2ban counts those lines (docs/pbx-behaviour.md). A transport-level failure
 * lets `auto` try the next transport.
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
  /** Null when not sent: the REGISTER was answered in time. */
  options: TxOutcome | null;
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
/** A PBX answers a REGISTER within milliseconds; past this, OPTIONS may tell why it does not. */
const OPTIONS_AFTER_MS = 1000;

/** Resolves true when `p` settles within `ms`; the timer never outlives the race. */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

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
  const registering = session.register({}, d.budgetMs, d.signal);
  const wait = Math.min(OPTIONS_AFTER_MS, Math.floor(d.budgetMs / 4));
  let options: TxOutcome | null = null;
  if (!(await within(registering, wait))) options = await session.options(d.budgetMs - wait, d.signal);
  const register = await registering;
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
