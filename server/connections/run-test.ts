import "server-only";
import type { Db } from "@/db/client";
import { appendAudit } from "@/db/queries/audit";
import { loadSecretForTest, type SipAccountForTest } from "@/db/queries/connection-secret";
import { type ConnectionView, getConnection, setStatus } from "@/db/queries/connections";
import {
  checkClientIpRate,
  checkConnectionTestRate,
  checkOrgNewHost,
  type RateResult,
  reserveCredentialAttempt,
  settleCredentialAttempt,
} from "@/db/queries/rate-limits";
import { recordTestResult, recordTestStart } from "@/db/queries/tests";
import { safeFacts } from "@/lib/connections/facts";
import type { StepDto, TestSummaryDto } from "@/lib/connections/types";
import { AppError } from "@/lib/errors";
import { type AddressPolicy, type DnsResolver, policyFromEnv } from "@/lib/net";
import {
  type AuthGate,
  runSipCheck,
  SipCheckInputError,
  type SipCheckResult,
  type StepResult,
} from "@/lib/sip";
import type { AdviceFacts, Audience, Locale } from "@/lib/verdicts/advice";
import type { StepName } from "@/lib/verdicts/codes";
import { portStatesOf, stepDetailText } from "@/lib/verdicts/step-texts";
import { orgScope } from "@/server/auth/access";
import type { Actor } from "@/server/auth/actor";
import { adviceBundle } from "./dto";
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

/** A step as the browser shows it: its detail worded in the viewer's language (lib/verdicts). */
const toStep = (s: StepResult, locale: Locale): StepDto => {
  const step: StepDto = {
    name: s.name,
    status: s.status,
    durationMs: s.durationMs,
    detail: stepDetailText(s.detail, locale),
  };
  const ports = portStatesOf(s.detail);
  if (ports) step.ports = ports;
  return step;
};

function audit(
  db: Db,
  actor: Actor,
  c: ConnectionView,
  action: string,
  details: Record<string, string | number | boolean | string[] | null>,
) {
  return appendAudit(db, {
    organizationId: c.organizationId,
    connectionId: c.id,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action,
    details,
  });
}

/** The limits in order: cheapest and widest first. The first refusal wins. */
async function checkLimits(
  db: Db,
  c: ConnectionView,
  clientIp: string | null,
): Promise<{ bucket: string; wait: number } | null> {
  const checks: Array<[string, () => Promise<RateResult>]> = [
    ["connection", () => checkConnectionTestRate(db, { connectionId: c.id })],
    ["org_new_host", () => checkOrgNewHost(db, { orgId: c.organizationId, host: c.sipDomain })],
  ];
  if (clientIp) checks.unshift(["client_ip", () => checkClientIpRate(db, { ip: clientIp })]);
  for (const [bucket, check] of checks) {
    const r = await check();
    if (!r.ok) return { bucket, wait: r.retryAfterSeconds };
  }
  return null;
}

function refusedSummary(c: ConnectionView, wait: number, locale: Locale, audience: Audience): TestSummaryDto {
  const facts = { domain: c.sipDomain, retryAfterSeconds: wait };
  return {
    testId: null,
    ok: false,
    verdict: "rate_limited",
    warnings: [],
    steps: [],
    facts,
    sip: null,
    target: null,
    pbxProduct: null,
    durationMs: 0,
    credentialRevision: c.credentialRevision,
    finishedAt: new Date().toISOString(),
    current: true,
    advice: adviceBundle("rate_limited", [], locale, facts, { audience }),
  };
}

export type StoredCheckOptions = Pick<
  RunTestOptions,
  "signal" | "policy" | "resolver" | "timeoutMs" | "tlsCa"
> & {
  onStep?: (step: StepResult) => void;
  onStepStart?: (name: StepName, limitMs: number) => void;
};

/**
 * One engine run of a stored account, shared by the wizard's test and the monitor's check: the
 * per-target credential budget (PBX safety, across all customers and instances), the address
 * policy, and always a query REGISTER (no Contact: proves the credentials without touching
 * bindings). Facts come back scrubbed of the password. Throws what `runSipCheck` throws.
 */
export async function checkStoredAccount(
  db: Db,
  account: SipAccountForTest,
  o: StoredCheckOptions,
): Promise<{ result: SipCheckResult; facts: AdviceFacts }> {
  // Per target address across all customers: a PBX's fail2ban must never ban us.
  const authGate: AuthGate = async (t) => {
    const r = await reserveCredentialAttempt(db, { target: t.address });
    if (!r.ok) return { ok: false, retryAfterSeconds: r.retryAfterSeconds };
    return {
      ok: true,
      settle: (outcome) => settleCredentialAttempt(db, { reservationId: r.reservationId, outcome }),
    };
  };
  const result = await runSipCheck(
    {
      username: account.sipUsername,
      password: account.password.reveal(),
      domain: account.sipDomain,
      authUsername: account.authUsername ?? undefined,
      port: account.port ?? undefined,
      transport: account.transport,
      outboundProxy: account.outboundProxy ?? undefined,
      mode: "query",
    },
    {
      policy: o.policy ?? policyFromEnv(),
      resolver: o.resolver,
      timeoutMs: o.timeoutMs,
      tlsCa: o.tlsCa,
      signal: o.signal,
      authGate,
      onStep: o.onStep,
      onStepStart: o.onStepStart,
    },
  );
  // Callers get the same filtered facts as the database, so a PBX echoing the password in a
  // realm or reason phrase cannot send it back, and a reloaded result reads as the live one.
  return { result, facts: safeFacts(result.facts, account.password.reveal()) };
}

/** Throws AppError not_found / validation (no password) / internal; a refused test is a verdict. */
export async function runConnectionTest(o: RunTestOptions): Promise<RunTestResult> {
  const { db, actor } = o;
  const c = await getConnection(db, { id: o.connectionId, orgId: orgScope(actor) });
  if (!c) throw new AppError("not_found", `connection ${o.connectionId} not visible to ${actor.label}`);

  const refused = await checkLimits(db, c, o.clientIp);
  if (refused) {
    await audit(db, actor, c, "connection.test_refused", {
      reason: "rate_limited",
      bucket: refused.bucket,
      retryAfterSeconds: refused.wait,
    });
    return {
      test: refusedSummary(c, refused.wait, o.locale, o.audience ?? "customer"),
      connection: c,
      canActivate: await canActivate(db, c),
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

  const wasLive = c.status === "active" || c.status === "disabled";
  if (!wasLive)
    await setStatus(db, {
      id: c.id,
      orgId: c.organizationId,
      to: "testing",
      from: ["draft", "verified", "failed"],
    });
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
      onStep: (s) => o.onStep?.(toStep(s, o.locale)),
      onStepStart: o.onStepStart,
    }));
  } catch (err) {
    if (!wasLive) await setStatus(db, { id: c.id, orgId: c.organizationId, to: "draft", from: ["testing"] });
    // Stored values the schema would refuse today (e.g. saved before a rule tightened).
    if (err instanceof SipCheckInputError)
      throw new AppError("validation", `stored ${err.field} refused by the engine`);
    throw new AppError("internal", "SIP check failed unexpectedly", { cause: err });
  }

  const steps = result.steps.map((s) => toStep(s, o.locale));
  // A refusal by the target limiter tested nothing: record it, but leave the status alone.
  const tested = result.verdict !== "rate_limited";
  await recordTestResult(db, {
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
  // Whatever happened meanwhile (a credential edit, a refused test), never leave it "testing";
  // a refusal restores what the connection was (verified stays verified).
  const restore = !tested && (c.status === "verified" || c.status === "failed") ? c.status : "draft";
  await setStatus(db, { id: c.id, orgId: c.organizationId, to: restore, from: ["testing"] });

  await audit(db, actor, c, "connection.tested", {
    testId: started.id,
    verdict: result.verdict,
    ok: result.ok,
    warnings: [...result.warnings],
    credentialRevision: account.credentialRevision,
    durationMs: result.durationMs,
    pbxProduct: result.pbxProduct,
  });

  const after = (await getConnection(db, { id: c.id, orgId: c.organizationId })) ?? c;
  const test: TestSummaryDto = {
    testId: started.id,
    ok: result.ok,
    verdict: result.verdict,
    warnings: [...result.warnings],
    steps,
    facts,
    sip: result.sip,
    target: result.target,
    pbxProduct: result.pbxProduct,
    durationMs: result.durationMs,
    credentialRevision: account.credentialRevision,
    finishedAt: new Date().toISOString(),
    current: account.credentialRevision === after.credentialRevision,
    advice: adviceBundle(result.verdict, [...result.warnings], o.locale, facts, {
      audience: o.audience,
      username: account.sipUsername,
    }),
  };
  return { test, connection: after, canActivate: await canActivate(db, after) };
}
