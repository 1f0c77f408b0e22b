import "server-only";
import type { Db } from "@/db/client";
import { loadSecretForTest } from "@/db/queries/connection-secret";
import { type ConnectionView, getConnection, setStatus } from "@/db/queries/connections";
import {
  checkClientIpRate,
  checkConnectionTestRate,
  checkOrgNewHost,
  checkOrgTestRate,
  type RateResult,
} from "@/db/queries/rate-limits";
import { recordTestResult, recordTestStart } from "@/db/queries/tests";
import type { StatusEvent } from "@/lib/connections/status";
import { toStepDto } from "@/lib/connections/test-summary";
import type { StepDto, TestSummaryDto } from "@/lib/connections/types";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import type { AddressPolicy, DnsResolver } from "@/lib/net";
import { SipCheckInputError, type SipCheckResult } from "@/lib/sip";
import { splitHostPort } from "@/lib/validation/sip-address";
import type { AdviceFacts, Audience } from "@/lib/verdicts/advice";
import type { StepName } from "@/lib/verdicts/codes";
import { aboutConnection, audit } from "@/server/audit";
import { orgScope } from "@/server/auth/access";
import type { Actor } from "@/server/auth/actor";
import { checkStoredAccount } from "./check-account";
import { testSummaryFor } from "./dto";
import { pbxGuard, type Refusal, refusalFacts } from "./pbx-guard";
import { canActivate } from "./service";

/**
 * Runs one SIP test of a stored connection, server-side, for an actor: scope → rate limits →
 * decrypt (the single decrypt function) → engine → record → status → audit. No HTTP here: the
 * wizard's stream route and the support console's "re-run test" both call it.
 */
export type RunTestOptions = {
  db: Db;
  actor: Actor;
  connectionId: string;
  /** The requester's IP for the per-client limit; null skips it (e.g. a support re-run). */
  clientIp: string | null;
  locale: Locale;
  /** Who reads the advice: the customer (default) or, through a handoff link, the provider. */
  audience?: Audience;
  onStarted?: (e: { testId: string; credentialRevision: number }) => void;
  onStep?: (step: StepDto) => void;
  /** A step begins, with its time limit (for the progress display). */
  onStepStart?: (name: StepName, limitMs: number) => void;
  signal?: AbortSignal;
  /** Injectable for tests; the app uses the defaults. */
  policy?: AddressPolicy;
  resolver?: DnsResolver;
  timeoutMs?: number;
  tlsCa?: string[];
};

export type RunTestResult = { test: TestSummaryDto; connection: ConnectionView; canActivate: boolean };

/** The limits in order: cheapest and widest first. The first refusal wins. */
async function checkLimits(
  db: Db,
  c: ConnectionView,
  clientIp: string | null,
): Promise<{ bucket: string; wait: number } | null> {
  const checks: Array<[string, () => Promise<RateResult>]> = [
    ["connection", () => checkConnectionTestRate(db, { connectionId: c.id })],
    ["org_tests", () => checkOrgTestRate(db, { orgId: c.organizationId })],
    ["org_new_host", () => checkOrgNewHost(db, { orgId: c.organizationId, host: c.sipDomain })],
  ];
  // The outbound proxy is where the packets go: a destination like the domain.
  const proxy = c.outboundProxy ? splitHostPort(c.outboundProxy).host : "";
  if (proxy)
    checks.push(["org_new_host", () => checkOrgNewHost(db, { orgId: c.organizationId, host: proxy })]);
  if (clientIp) checks.unshift(["client_ip", () => checkClientIpRate(db, { ip: clientIp })]);
  for (const [bucket, check] of checks) {
    const r = await check();
    if (!r.ok) return { bucket, wait: r.retryAfterSeconds };
  }
  return null;
}

/** A test the app's own limits refused before it started: no row, the same mapper. */
function refusedSummary(
  c: ConnectionView,
  wait: number,
  locale: Locale,
  audience: Audience,
  refusal: Refusal = "test_limit",
): TestSummaryDto | null {
  const now = new Date();
  return testSummaryFor(
    {
      id: null,
      startedAt: now,
      finishedAt: now,
      verdict: "rate_limited",
      ok: false,
      warnings: [],
      steps: [],
      sip: null,
      target: null,
      facts: refusalFacts({ domain: c.sipDomain, retryAfterSeconds: wait }, refusal, now),
      pbxProduct: null,
      credentialRevision: c.credentialRevision,
    },
    c,
    locale,
    audience,
  );
}

/** Throws AppError not_found / validation (no password) / internal; a refused test is a verdict. */
export async function runConnectionTest(o: RunTestOptions): Promise<RunTestResult> {
  const { db, actor } = o;
  const c = await getConnection(db, { id: o.connectionId, orgId: orgScope(actor) });
  if (!c) throw new AppError("not_found", `connection ${o.connectionId} not visible to ${actor.label}`);
  const audience = o.audience ?? "customer";

  const refused = await checkLimits(db, c, o.clientIp);
  if (refused) {
    await audit(db, actor, aboutConnection(c), "connection.test_refused", {
      reason: "rate_limited",
      bucket: refused.bucket,
      retryAfterSeconds: refused.wait,
    });
    const moved = await setStatus(db, { id: c.id, orgId: c.organizationId, event: "test_refused" });
    const now = moved.ok ? moved.connection : c;
    const test = refusedSummary(now, refused.wait, o.locale, audience);
    if (!test) throw new AppError("internal", "refused test has no summary");
    return {
      test,
      connection: now,
      canActivate: await canActivate(db, now),
    };
  }

  const secret = await loadSecretForTest(db, c.id);
  if (!secret.ok) {
    if (secret.code === "no_password") {
      throw new AppError("validation", "no password saved", {
        fieldErrors: { sipPassword: ["validation.required"] },
      });
    }
    throw new AppError(
      secret.code === "not_found" ? "not_found" : "internal",
      `cannot load secret: ${secret.code}`,
    );
  }
  const account = secret.account;
  const guard = pbxGuard(db, account);
  // Exactly these details were rejected for this destination: refused before any packet.
  if (await guard.rejectedBefore()) {
    await audit(db, actor, aboutConnection(c), "connection.test_refused", {
      reason: "rate_limited",
      bucket: "rejected_credential",
      retryAfterSeconds: 0,
    });
    const test = refusedSummary(c, 0, o.locale, audience, "rejected_before");
    if (!test) throw new AppError("internal", "refused test has no summary");
    return {
      test,
      connection: c,
      canActivate: await canActivate(db, c),
    };
  }

  const status = (event: StatusEvent) => setStatus(db, { id: c.id, orgId: c.organizationId, event });
  // A live connection (active, disabled) keeps its status while it is tested.
  await status("test_start");
  const started = await recordTestStart(db, {
    connectionId: c.id,
    credentialRevision: account.credentialRevision,
    requestedBy: actor.userId,
  });
  o.onStarted?.({ testId: started.id, credentialRevision: account.credentialRevision });

  let result: SipCheckResult;
  let facts: AdviceFacts;
  try {
    ({ result, facts } = await checkStoredAccount(db, account, {
      ...o,
      orgId: c.organizationId,
      onStep: (s) => {
        const step = toStepDto(s, o.locale);
        if (step) o.onStep?.(step);
      },
      onStepStart: o.onStepStart,
    }));
  } catch (err) {
    await status("test_failed");
    // Stored values the schema would refuse today (e.g. saved before a rule tightened).
    if (err instanceof SipCheckInputError)
      throw new AppError("validation", `stored ${err.field} refused by the engine`);
    throw new AppError("internal", "SIP check failed unexpectedly", { cause: err });
  }

  // A refusal by the target limiter tested nothing: record it, but leave the status alone.
  const tested = result.verdict !== "rate_limited";
  const row = await recordTestResult(db, {
    testId: started.id,
    updateStatus: tested,
    outcome: {
      verdict: result.verdict,
      ok: result.ok,
      warnings: [...result.warnings],
      // Stored as data (code + params), so every viewer reads them in their own language.
      steps: result.steps.map((s) => ({ ...s, detail: { ...s.detail } })),
      sip: result.sip ? { ...result.sip } : null,
      target: result.target ? { ...result.target } : null,
      trace: result.trace.map((e) => ({
        at: e.at,
        direction: e.direction,
        transport: e.transport,
        local: e.local,
        remote: e.remote,
        firstLine: e.firstLine,
        text: e.text,
      })),
      facts: { ...facts },
      pbxProduct: result.pbxProduct,
    },
  });
  if (!tested)
    await setStatus(db, { id: c.id, orgId: c.organizationId, event: "test_refused", beforeTest: c.status });
  // The credentials changed while the test ran: its result did not apply (recordTestResult
  // checks the revision), and the connection must not stay "testing". Refused unless testing.
  await status("test_stale");

  await audit(db, actor, aboutConnection(c), "connection.tested", {
    testId: started.id,
    verdict: result.verdict,
    ok: result.ok,
    warnings: [...result.warnings],
    credentialRevision: account.credentialRevision,
    durationMs: result.durationMs,
    pbxProduct: result.pbxProduct,
  });

  const after = (await getConnection(db, { id: c.id, orgId: c.organizationId })) ?? c;
  const test = row && testSummaryFor(row, after, o.locale, audience);
  if (!test) throw new AppError("internal", `test ${started.id} was not recorded`);
  return { test, connection: after, canActivate: await canActivate(db, after) };
}
