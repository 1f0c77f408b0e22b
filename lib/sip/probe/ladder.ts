/**
 * The ladder: resolve → ports ∥ (OPTIONS ∥ REGISTER without credentials) → query REGISTER with
 * credentials → [mode "register": REGISTER with Contact → un-REGISTER] → verdict. Each rung is
 * timed and reported through onStep as it finishes.
 */
import "server-only";
import { policyFromEnv, type SipTarget } from "@/lib/net";
import { HEADER_BREAKS } from "@/lib/validation/header-breaks";
import { parseHostInput } from "@/lib/validation/host";
import type { Verdict } from "@/lib/verdicts/codes";
import type { FailedAttempt } from "@/lib/verdicts/step-details";
import { hostForUri, sipUri } from "../message/build";
import { IDS } from "../message/ids";
import { USER_AGENT } from "../version";
import { type AttemptDeps, type AttemptFailure, type AttemptOk, attempt } from "./attempt";
import { CheckContext } from "./context";
import { portsStep, resolveStep } from "./network-steps";
import { followRedirect } from "./redirect";
import { finishResult } from "./result";
import { registerRungs } from "./rungs";
import type { Identity } from "./session";
import { type SipCheckInput, SipCheckInputError, type SipCheckOptions, type SipCheckResult } from "./types";

const DEFAULT_BUDGET_MS = 8000;
const MAX_ATTEMPTS = 3;
const BREAKS = /[\r\n\0]/;
// The password only enters a hash, never a header: it may hold anything but a line break.

function validate(input: SipCheckInput): void {
  const fields: Array<[string, string | undefined, RegExp]> = [
    ["username", input.username, HEADER_BREAKS],
    ["password", input.password, BREAKS],
    ["domain", input.domain, HEADER_BREAKS],
    ["authUsername", input.authUsername, HEADER_BREAKS],
    ["outboundProxy", input.outboundProxy, HEADER_BREAKS],
  ];
  for (const [field, value, breaks] of fields) {
    if (value !== undefined && breaks.test(value))
      throw new SipCheckInputError(field, `${field} contains a line break or NUL`);
  }
  if (!input.username.trim()) throw new SipCheckInputError("username", "username is empty");
  if (!input.domain.trim()) throw new SipCheckInputError("domain", "domain is empty");
}

/** In `auto`, one attempt per transport, in RFC 3263 order; otherwise the first few targets. */
function candidates(targets: SipTarget[]): SipTarget[] {
  const seen = new Set<string>();
  const out: SipTarget[] = [];
  for (const t of targets) {
    if (seen.has(t.transport)) continue;
    seen.add(t.transport);
    out.push(t);
  }
  return (out.length > 1 ? out : targets).slice(0, MAX_ATTEMPTS);
}

/**
 * In `auto`, the attempt that tells the most: one that reached a server (a TLS handshake with an
 * untrusted certificate, a non-SIP reply) beats a refused or silent port; otherwise the first.
 */
const REACHED: Partial<Record<Verdict, number>> = { tls_failed: 2, protocol_error: 1 };
function mostInformative(failures: AttemptFailure[]): AttemptFailure | undefined {
  let best = failures[0];
  for (const f of failures)
    if ((REACHED[f.verdict] ?? 0) > (REACHED[best?.verdict ?? "unreachable"] ?? 0)) best = f;
  return best;
}

function failedAttempt(f: AttemptFailure): FailedAttempt {
  return { transport: f.target.transport, address: f.target.address, port: f.target.port, reason: f.reason };
}

export async function runSipCheck(
  input: SipCheckInput,
  options: SipCheckOptions = {},
  observeSent?: (text: string) => void,
): Promise<SipCheckResult> {
  validate(input);
  const ctx = new CheckContext(options.onStep, options.onStepStart, observeSent);
  const budgetMs = options.timeoutMs ?? DEFAULT_BUDGET_MS;
  const policy = options.policy ?? policyFromEnv();
  const ids = IDS;
  const done = (verdict: Verdict, target: SipTarget | null) => finishResult(ctx, verdict, target, input.mode);

  const parsed = parseHostInput(input.domain.trim());
  if (!parsed.ok) {
    ctx.step("resolve", "fail", performance.now(), {
      code: "host_invalid",
      params: { field: "domain", note: parsed.message },
    });
    ctx.facts.domain = input.domain.trim();
    return done("dns_failed", null);
  }
  const domainHost = parsed.host.kind === "name" ? parsed.host.name : parsed.host.address;
  const explicitPort = input.port ?? parsed.port;
  ctx.facts.domain = domainHost;

  const proxy = input.outboundProxy?.trim() ? parseHostInput(input.outboundProxy.trim()) : null;
  if (proxy && !proxy.ok) {
    ctx.step("resolve", "fail", performance.now(), {
      code: "host_invalid",
      params: { field: "outbound_proxy", note: proxy.message },
    });
    return done("dns_failed", null);
  }
  const proxyHost = proxy?.ok ? (proxy.host.kind === "name" ? proxy.host.name : proxy.host.address) : null;
  const identity: Identity = {
    username: input.username.trim(),
    domainHost,
    requestUri: sipUri(null, { host: domainHost, port: explicitPort }),
    route:
      proxy?.ok && proxyHost
        ? `<sip:${hostForUri(proxyHost)}${proxy.port ? `:${proxy.port}` : ""};lr>`
        : null,
    userAgent: options.userAgent ?? USER_AGENT,
  };

  const resolved = await resolveStep(ctx, {
    host: proxy?.ok ? (input.outboundProxy?.trim() ?? "") : input.domain.trim(),
    port: proxy?.ok ? undefined : input.port,
    transport: input.transport,
    policy,
    resolver: options.resolver,
    timeoutMs: budgetMs,
  });
  if (!resolved.ok) return done(resolved.verdict, null);
  const first = resolved.targets[0];
  if (!first) return done("dns_failed", null);

  const ports = portsStep(ctx, first, { policy, timeoutMs: Math.min(budgetMs, 3000) });
  const deps: AttemptDeps = {
    ctx,
    ids,
    policy,
    budgetMs,
    tlsCa: options.tlsCa,
    timers: options.timers,
    signal: options.signal,
  };

  const finish = async (verdict: Verdict, target: SipTarget | null) => {
    await ports;
    return done(verdict, target);
  };
  let list = candidates(resolved.targets);
  const failures: AttemptFailure[] = [];
  let ok: AttemptOk | null = null;
  let redirected = false;
  for (let i = 0; i < list.length && !ok; i++) {
    const target = list[i] as SipTarget;
    if (i > 0 && target.transport !== "udp") {
      const state = (await ports).get(target.port);
      if (target.address === first.address && state && state !== "open") continue;
    }
    const r = await attempt(target, identity, deps);
    if (!r.ok) {
      failures.push(r);
      continue;
    }
    const status = r.challenge.statusCode;
    // RFC 3261 8.1.3.4: follow one redirect; a second one is judged like any other answer.
    if (status >= 300 && status < 400 && !redirected) {
      redirected = true;
      r.session.close();
      const next = await followRedirect(ctx, r.challenge, input.transport, {
        policy,
        resolver: options.resolver,
        budgetMs,
        allowedHosts: [domainHost, ...(proxyHost ? [proxyHost] : [])],
      });
      if (!next.ok) {
        ctx.step("register_challenge", "fail", r.startedAt, next.detail);
        return finish(next.verdict, target);
      }
      identity.requestUri = next.requestUri;
      list = [...list.slice(0, i + 1), ...candidates(next.targets)];
      continue;
    }
    ok = r;
  }

  if (!ok) {
    const f = mostInformative(failures);
    const attempts = [...(f ? [f] : []), ...failures.filter((x) => x !== f)].map(failedAttempt);
    const started = f?.startedAt ?? performance.now();
    const o = f?.options;
    ctx.step(
      "options",
      "fail",
      started,
      o?.ok
        ? {
            code: "sip_answered",
            params: {
              status: o.response.statusCode,
              reason: o.response.reason,
              transport: f?.target.transport ?? "udp",
              fallbacks: [],
            },
          }
        : o
          ? { code: "no_sip_answer", params: { reason: o.reason, fallbacks: [] } }
          : { code: "attempts_failed", params: { attempts } },
      f?.finishedAt,
    );
    ctx.step(
      "register_challenge",
      "fail",
      started,
      { code: "attempts_failed", params: { attempts } },
      f?.finishedAt,
    );
    if (f) {
      ctx.facts.port = f.target.port;
      ctx.facts.transport = f.target.transport;
    }
    return finish(f?.verdict ?? "unreachable", f?.target ?? first);
  }

  const target = ok.target;
  ctx.facts.port = target.port;
  ctx.facts.transport = target.transport;
  if (failures.length > 0 && failures.some((f) => f.target.transport !== target.transport))
    ctx.warn("transport_fallback");
  const fallbacks = failures.map(failedAttempt);
  if (ok.options === null) {
    ctx.step(
      "options",
      "skip",
      ok.startedAt,
      { code: "skipped", params: { why: "register_answered", fallbacks } },
      ok.startedAt,
    );
  } else if (ok.options.ok) {
    const o = ok.options.response;
    ctx.step(
      "options",
      "pass",
      ok.startedAt,
      {
        code: "sip_answered",
        params: { status: o.statusCode, reason: o.reason, transport: target.transport, fallbacks },
      },
      ok.finishedAt,
    );
  } else {
    if (ok.options.code === "timeout") ctx.warn("options_unanswered");
    ctx.step(
      "options",
      "warn",
      ok.startedAt,
      { code: "no_sip_answer", params: { reason: ok.options.reason, fallbacks } },
      ok.finishedAt,
    );
  }
  try {
    const verdict = await registerRungs(ok, input, identity, {
      ctx,
      ids,
      budgetMs,
      gate: options.authGate,
      signal: options.signal,
    });
    return await finish(verdict, target);
  } finally {
    ok.session.close();
  }
}
