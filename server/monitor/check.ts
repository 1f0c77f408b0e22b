import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { appendAudit } from "@/db/queries/audit";
import { loadSecretForTest } from "@/db/queries/connection-secret";
import {
  type AppliedCheck,
  acquireTargetLease,
  applyCheck,
  applyQuietCheck,
  type CheckSubject,
  getCheckSubject,
  releaseTargetLease,
} from "@/db/queries/health";
import type { AddressPolicy, DnsResolver } from "@/lib/net";
import { checkStoredAccount } from "@/server/connections/check-account";
import { untilWritten } from "./until-written";

/** One health check job: which connection, the due time it stands for, its PBX target. */
export type CheckJob = { connectionId: string; slot: string; target: string };

export type CheckDeps = {
  db: Db;
  policy?: AddressPolicy;
  resolver?: DnsResolver;
  timeoutMs?: number;
  tlsCa?: string[];
  signal?: AbortSignal;
  /** How long to wait for a busy target before giving the job back (default 60 s). */
  leaseWaitMs?: number;
  /** Inside the result's transaction when the state changed (the worker queues alert jobs). */
  onEvent?: (tx: Db, eventId: string) => Promise<void>;
};

/** A lease outlives any check (lib/sip budgets); it only matters if a worker dies holding it. */
const LEASE_SECONDS = 180;

export type CheckOutcome =
  | { ran: false; why: "gone" | "inactive" | "paused" | "stopped" | "done" }
  | { ran: true; applied: AppliedCheck };

/**
 * Runs one check: the wizard's engine path (query REGISTER, PBX-safety budget, address
 * policy; server/connections/check-account.ts), then the result in one transaction.
 * Anything that throws before that transaction leaves the connection's health untouched, and
 * pg-boss retries the job; a retry of a slot already applied is a no-op.
 */
export async function runHealthCheck(deps: CheckDeps, job: CheckJob): Promise<CheckOutcome> {
  const { db } = deps;
  const slot = new Date(job.slot);
  const subject = await getCheckSubject(db, job.connectionId);
  if (!subject) return { ran: false, why: "gone" };
  if (subject.status !== "active") return { ran: false, why: "inactive" };
  if (subject.paused) return { ran: false, why: "paused" };
  // Never resend a password the PBX rejected: wait for the settings to change.
  if (subject.stoppedRevision === subject.credentialRevision) return { ran: false, why: "stopped" };
  if (subject.lastSlot && +subject.lastSlot >= +slot) return { ran: false, why: "done" };

  // One check per PBX target at a time, whatever pg-boss's fetch race lets through.
  const holder = randomUUID();
  const lease = { target: job.target, holder, ttlSeconds: LEASE_SECONDS };
  const deadline = Date.now() + (deps.leaseWaitMs ?? 60_000);
  while (!(await acquireTargetLease(db, lease))) {
    // Thrown, so pg-boss retries the job later rather than losing this slot.
    if (Date.now() > deadline || deps.signal?.aborted)
      throw new Error(`monitor: target ${job.target} stayed busy`);
    await new Promise((r) => setTimeout(r, 50 + randomInt(150)));
  }
  let released = false;
  try {
    const r = await checkLeased(deps, job, slot, subject, lease);
    released = r.released;
    return r.outcome;
  } finally {
    if (!released) await untilWritten(() => releaseTargetLease(db, lease));
  }
}

async function checkLeased(
  deps: CheckDeps,
  job: CheckJob,
  slot: Date,
  subject: CheckSubject,
  lease: { target: string; holder: string },
): Promise<{ outcome: CheckOutcome; released: boolean }> {
  const { db } = deps;
  const secret = await loadSecretForTest(db, job.connectionId);
  if (!secret.ok) throw new Error(`monitor: cannot load the account of ${job.connectionId}: ${secret.code}`);
  const { result } = await checkStoredAccount(db, secret.account, {
    policy: deps.policy,
    resolver: deps.resolver,
    timeoutMs: deps.timeoutMs,
    tlsCa: deps.tlsCa,
    signal: deps.signal,
  });
  const record = {
    connectionId: job.connectionId,
    slot,
    credentialRevision: secret.account.credentialRevision,
    verdict: result.verdict,
    ok: result.ok,
    durationMs: result.durationMs,
    target: result.target
      ? `${result.target.transport}:${result.target.address}:${result.target.port}`
      : null,
  };
  // Most checks change nothing but counters: one statement, lease included.
  const quiet = await applyQuietCheck(db, { ...record, from: subject.counters, lease });
  if (quiet.applied) {
    const applied: AppliedCheck = {
      applied: true,
      transition: quiet.transition,
      eventId: null,
      organizationId: subject.organizationId,
    };
    return { outcome: { ran: true, applied }, released: true };
  }
  const applied = await applyCheck(db, record, deps.onEvent);
  if (applied.applied && applied.eventId) {
    const t = applied.transition;
    await appendAudit(db, {
      organizationId: applied.organizationId,
      connectionId: job.connectionId,
      actorUserId: null,
      actorLabel: "monitor",
      action: "connection.health_changed",
      details: {
        eventId: applied.eventId,
        to: t.next.state,
        reason: t.reason,
        verdict: result.verdict,
        stopped: t.stop,
        credentialRevision: secret.account.credentialRevision,
      },
    });
  }
  return { outcome: { ran: true, applied }, released: false };
}
