/**
 * Runs one test call of a stored connection for an actor: scope → a passing registration test
 * of the current credentials (its target, and whether another device uses the account) → rate
 * limits per connection and per PBX (a test call is a real call that rings real phones) →
 * decrypt → engine → record with the test history → audit. No HTTP here (see the route).
 */
import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { appendAudit } from "@/db/queries/audit";
import { loadSecretForTest } from "@/db/queries/connection-secret";
import { getConnection } from "@/db/queries/connections";
import { takeSlidingWindow } from "@/db/queries/rate-limits";
import { recordCallResult, recordCallStart } from "@/db/queries/test-calls";
import { latestTest } from "@/db/queries/tests";
import type { CallDto, CallStatusDto, CallSummaryDto, TestCallRequest } from "@/lib/calls/types";
import { AppError } from "@/lib/errors";
import type { Json } from "@/lib/json";
import { type AddressPolicy, policyFromEnv } from "@/lib/net";
import { type CallReport, callNotRun, runInboundCall, runOutboundCall } from "@/lib/sip";
import type { CallFacts } from "@/lib/verdicts/call-codes";
import { orgScope } from "@/server/auth/access";
import type { Actor } from "@/server/auth/actor";
import { bindFor, type CallConfig, callConfig, publicAddressFor } from "./config";

export const CALL_LIMITS = {
  /** Per connection: test calls started. */
  connection: { limit: 6, windowSeconds: 60 * 60 },
  /** Per PBX address, across all customers. */
  pbx: { limit: 20, windowSeconds: 60 * 60 },
} as const;

export type RunCallOptions = {
  db: Db;
  actor: Actor;
  connectionId: string;
  request: TestCallRequest;
  onStarted?: (e: { callId: string; waitS: number }) => void;
  onStatus?: (s: CallStatusDto) => void;
  signal?: AbortSignal;
  /** Injectable for tests; the app uses the environment. */
  policy?: AddressPolicy;
  config?: Partial<CallConfig>;
  timers?: { t1: number; t2: number };
};

const Target = z.object({
  host: z.string(),
  address: z.string(),
  port: z.number().int(),
  transport: z.enum(["udp", "tcp", "tls"]),
});
const Facts = z.object({ bindings: z.number().optional() }).loose();

/** Facts keep only known keys; a string containing the password is dropped. */
function safeCallFacts(f: CallFacts, password: string): CallFacts {
  const out: CallFacts = {};
  const clean = (v: string | undefined) =>
    v === undefined || (password && v.includes(password)) ? undefined : v.slice(0, 300);
  for (const k of [
    "account",
    "from",
    "dialed",
    "reason",
    "target",
    "sdpAddress",
    "sourceAddress",
    "rtpRange",
    "detail",
  ] as const) {
    const v = clean(f[k]);
    if (v !== undefined) out[k] = v;
  }
  for (const k of ["statusCode", "waitSeconds"] as const) if (typeof f[k] === "number") out[k] = f[k];
  for (const k of ["offered", "ours"] as const) {
    const list = f[k]
      ?.map((x) => clean(x))
      .filter((x): x is string => x !== undefined)
      .slice(0, 32);
    if (list) out[k] = list;
  }
  return out;
}

const scrub = (text: string, password: string) => (password ? text.split(password).join("[redacted]") : text);

function notRun(direction: CallDto["direction"], detail: string): CallSummaryDto {
  return {
    callId: null,
    startedAt: new Date().toISOString(),
    ok: false,
    call: callNotRun(direction),
    facts: { detail },
    finishedAt: new Date().toISOString(),
  };
}

export async function runTestCall(o: RunCallOptions): Promise<CallSummaryDto> {
  const { db, actor } = o;
  const c = await getConnection(db, { id: o.connectionId, orgId: orgScope(actor) });
  if (!c) throw new AppError("not_found", `connection ${o.connectionId} not visible to ${actor.label}`);
  const latest = await latestTest(db, c.id, { credentialRevision: c.credentialRevision, tested: true });
  const target = Target.safeParse(latest?.target);
  if (!latest?.ok || !target.success) {
    return notRun(o.request.direction, "the registration test of the current SIP details has not passed yet");
  }
  const facts = Facts.safeParse(latest.facts);
  const warnings = Array.isArray(latest.warnings) ? latest.warnings : [];
  const bindingsBefore =
    (facts.success ? facts.data.bindings : undefined) ?? (warnings.includes("existing_binding") ? 1 : 0);

  for (const [bucket, key, limit] of [
    ["test_call", c.id, CALL_LIMITS.connection],
    ["test_call_pbx", target.data.address, CALL_LIMITS.pbx],
  ] as const) {
    const r = await takeSlidingWindow(db, { bucket, key, ...limit });
    if (!r.ok) {
      await appendAudit(db, {
        organizationId: c.organizationId,
        connectionId: c.id,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        action: "connection.test_call_refused",
        details: { bucket, retryAfterSeconds: r.retryAfterSeconds },
      });
      throw new AppError("rate_limited", `test call limit ${bucket}`, {
        retryAfterSeconds: r.retryAfterSeconds,
      });
    }
  }

  const secret = await loadSecretForTest(db, c.id);
  if (!secret.ok)
    throw new AppError(
      secret.code === "not_found" ? "not_found" : "validation",
      `cannot load secret: ${secret.code}`,
    );
  const account = secret.account;
  const password = account.password.reveal();
  const cfg = { ...callConfig(), ...o.config };
  const t = target.data;
  const started = await recordCallStart(db, {
    connectionId: c.id,
    direction: o.request.direction,
    credentialRevision: account.credentialRevision,
    requestedBy: actor.userId,
  });
  o.onStarted?.({ callId: started.id, waitS: cfg.waitS });

  const setup = {
    target: { address: t.address, port: t.port, transport: t.transport, hostname: t.host },
    username: account.sipUsername,
    authUsername: account.authUsername ?? undefined,
    password,
    domainHost: t.host,
    policy: o.policy ?? policyFromEnv(),
    publicAddress: publicAddressFor(t.address, cfg),
    media: { bindAddress: bindFor(t.address, cfg), portRange: cfg.portRange },
    bindingsBefore,
    timers: o.timers,
    signal: o.signal,
    onStatus: (s: CallStatusDto) =>
      o.onStatus?.({ status: s.status, atMs: s.atMs, detail: scrub(s.detail, password) }),
  };
  let report: CallReport;
  try {
    report =
      o.request.direction === "inbound"
        ? await runInboundCall({ ...setup, waitS: cfg.waitS, transferTo: o.request.transferTo })
        : await runOutboundCall({ ...setup, dial: o.request.dial });
  } catch (err) {
    throw new AppError("internal", "test call failed unexpectedly", { cause: err });
  }

  const safe = safeCallFacts(report.facts, password);
  const call = JSON.parse(scrub(JSON.stringify(report.call), password)) as CallDto;
  await recordCallResult(db, {
    id: started.id,
    outcome: call.outcome,
    ok: report.ok,
    call: call as unknown as Json,
    report: JSON.parse(
      scrub(
        JSON.stringify({
          route: report.route,
          statuses: report.statuses,
          echoRttMs: report.echoRttMs,
          peerReceived: report.peerReceived,
          offered: report.offered,
          durationMs: report.durationMs,
        }),
        password,
      ),
    ) as Json,
    trace: report.trace.map((e) => ({
      at: e.at,
      direction: e.direction,
      firstLine: scrub(e.firstLine, password),
      text: scrub(e.text, password),
    })),
    facts: safe as Json,
  });
  await appendAudit(db, {
    organizationId: c.organizationId,
    connectionId: c.id,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: "connection.test_call",
    details: {
      callId: started.id,
      direction: call.direction,
      outcome: call.outcome,
      ok: report.ok,
      transfer: call.transfer?.outcome ?? null,
      transferTarget: call.transfer?.target ?? null,
      credentialRevision: account.credentialRevision,
    },
  });
  return {
    callId: started.id,
    startedAt: started.startedAt.toISOString(),
    ok: report.ok,
    call,
    facts: safe,
    finishedAt: new Date().toISOString(),
  };
}
