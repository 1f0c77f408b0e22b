import "server-only";
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { type HealthCounters, type Transition, transition } from "@/lib/monitor/health";
import type { Verdict } from "@/lib/verdicts/codes";
import { type Db, queryRows } from "../client";
import {
  connectionHealth,
  connections,
  type HealthStateName,
  healthChecks,
  healthEvents,
  monitorTargetLeases,
  users,
} from "../schema";

/**
 * Registration health (server/monitor): the due list the scheduler claims, the result of one
 * check applied in one transaction, and the reads behind the connection page and the lists.
 */

/**
 * Active connections without a health row get one, due at a random point of the first interval,
 * so 10,000 connections activated at once do not all probe at :00.
 */
export async function ensureHealthRows(db: Db, intervalSeconds: number): Promise<number> {
  const rows = await queryRows<{ connection_id: string }>(
    db,
    sql`insert into connection_health (connection_id, next_due_at)
        select c.id, now() + random() * make_interval(secs => ${intervalSeconds})
        from connections c
        where c.status = 'active'
          and not exists (select 1 from connection_health h where h.connection_id = c.id)
        on conflict do nothing
        returning connection_id`,
  );
  return rows.length;
}

export type DueCheck = {
  connectionId: string;
  /** The due time this check stands for (ISO); a job for an older slot is a no-op. */
  slot: string;
  /** One check at a time per PBX target across all workers (pg-boss group). */
  target: string;
};

/**
 * Claims every connection due before `horizonSeconds` from now and moves it on by one interval,
 * in one statement (SKIP LOCKED: two schedulers never claim the same row). A connection that
 * fell behind (no worker for a while) is due again now, not once per missed interval.
 */
export async function claimDueChecks(
  db: Db,
  input: { intervalSeconds: number; horizonSeconds: number; limit: number; connectionId?: string },
): Promise<DueCheck[]> {
  const only = input.connectionId ? sql`and h.connection_id = ${input.connectionId}` : sql``;
  const rows = await queryRows<{ connection_id: string; slot: Date | string; target: string }>(
    db,
    sql`with due as (
          select h.connection_id, h.next_due_at,
                 -- The PBX as configured: host (or outbound proxy) and port. Two ports on one
                 -- host may be two PBXs (hosted tenants); the credential budget is per address anyway.
                 lower(coalesce(c.outbound_proxy, c.sip_domain || coalesce(':' || c.port, ''))) as target
          from connection_health h
          join connections c on c.id = h.connection_id
          where c.status = 'active'
            and not h.paused
            and (h.stopped_revision is null or h.stopped_revision <> c.credential_revision)
            and h.next_due_at <= now() + make_interval(secs => ${input.horizonSeconds})
            ${only}
          order by h.next_due_at
          limit ${input.limit}
          for update of h skip locked
        )
        update connection_health h
        set next_due_at = greatest(due.next_due_at + make_interval(secs => ${input.intervalSeconds}), now())
        from due
        where h.connection_id = due.connection_id
        returning h.connection_id, due.next_due_at as slot, due.target`,
  );
  return rows.map((r) => ({
    connectionId: r.connection_id,
    slot: new Date(r.slot).toISOString(),
    target: r.target,
  }));
}

/** What a check job needs to decide whether to run at all. */
export type CheckSubject = {
  connectionId: string;
  organizationId: string;
  label: string;
  status: string;
  credentialRevision: number;
  paused: boolean;
  stoppedRevision: number | null;
  lastSlot: Date | null;
  /** The counters as read, for the one-statement write of a check that changes no state. */
  counters: HealthCounters;
};

export async function getCheckSubject(db: Db, connectionId: string): Promise<CheckSubject | undefined> {
  const rows = await db
    .select({
      connectionId: connections.id,
      organizationId: connections.organizationId,
      label: connections.label,
      status: connections.status,
      credentialRevision: connections.credentialRevision,
      paused: connectionHealth.paused,
      stoppedRevision: connectionHealth.stoppedRevision,
      lastSlot: connectionHealth.lastSlot,
      state: connectionHealth.state,
      failures: connectionHealth.failures,
      successes: connectionHealth.successes,
      answeredFailures: connectionHealth.answeredFailures,
      probablyBanned: connectionHealth.probablyBanned,
    })
    .from(connections)
    .innerJoin(connectionHealth, eq(connectionHealth.connectionId, connections.id))
    .where(eq(connections.id, connectionId));
  const r = rows[0];
  if (!r) return undefined;
  const { state, failures, successes, answeredFailures, probablyBanned, ...rest } = r;
  return { ...rest, counters: { state, failures, successes, answeredFailures, probablyBanned } };
}

/**
 * The common case in one statement: a check that changes no state (no event, no alert, no stop)
 * updates the counters, adds its check row and gives the target's lease back. Guarded by the
 * counters it was computed from, so a concurrent write makes it match nothing and the caller
 * falls back to `applyCheck`'s locking transaction. Returns whether it applied.
 */
export async function applyQuietCheck(
  db: Db,
  r: CheckRecord & { from: HealthCounters; lease: { target: string; holder: string } },
): Promise<{ applied: boolean; transition: Transition }> {
  const t = transition(r.from, r.verdict);
  if (t.changed || t.stop) return { applied: false, transition: t };
  const at = r.at ?? new Date();
  const f = r.from;
  const n = t.next;
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with h as (
          update connection_health
          set failures = ${n.failures}, successes = ${n.successes},
              answered_failures = ${n.answeredFailures}, probably_banned = ${n.probablyBanned},
              last_slot = ${r.slot}, last_check_at = ${at}, last_verdict = ${r.verdict},
              last_target = ${r.target}, updated_at = ${at}
          where connection_id = ${r.connectionId}
            and (last_slot is null or last_slot < ${r.slot})
            and state = ${f.state} and failures = ${f.failures} and successes = ${f.successes}
            and answered_failures = ${f.answeredFailures} and probably_banned = ${f.probablyBanned}
          returning connection_id
        ), c as (
          insert into health_checks (connection_id, at, due_at, ok, verdict, duration_ms, state)
          select connection_id, ${at}, ${r.slot}, ${r.ok}, ${r.verdict},
                 ${Math.max(0, Math.round(r.durationMs))}, ${n.state}
          from h
        ), l as (
          delete from monitor_target_leases
          where target = ${r.lease.target} and holder = ${r.lease.holder} and exists (select 1 from h)
        )
        select count(*)::int as n from h`,
  );
  return { applied: (rows[0]?.n ?? 0) > 0, transition: t };
}

export type CheckRecord = {
  connectionId: string;
  slot: Date;
  credentialRevision: number;
  verdict: Verdict;
  ok: boolean;
  durationMs: number;
  target: string | null;
  at?: Date;
};

export type AppliedCheck =
  | { applied: false }
  | { applied: true; transition: Transition; eventId: string | null; organizationId: string };

/**
 * Applies one check's result in one transaction: counters (lib/monitor/health), the check row,
 * a state-change event and whatever `onEvent` adds (the alert jobs), so a state change and its
 * alerts commit together or not at all. Idempotent per slot, so a job retried after a crash between this
 * commit and pg-boss's completion changes nothing twice.
 */
export async function applyCheck(
  db: Db,
  r: CheckRecord,
  /** Runs inside the transaction when the state changed, e.g. to queue the alert jobs. */
  onEvent?: (tx: Db, eventId: string) => Promise<void>,
): Promise<AppliedCheck> {
  const at = r.at ?? new Date();
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ health: connectionHealth, organizationId: connections.organizationId })
      .from(connectionHealth)
      .innerJoin(connections, eq(connections.id, connectionHealth.connectionId))
      .where(eq(connectionHealth.connectionId, r.connectionId))
      .for("update", { of: connectionHealth });
    const row = rows[0];
    if (!row) return { applied: false };
    const h = row.health;
    if (h.lastSlot && +h.lastSlot >= +r.slot) return { applied: false };
    const current: HealthCounters = {
      state: h.state,
      failures: h.failures,
      successes: h.successes,
      answeredFailures: h.answeredFailures,
      probablyBanned: h.probablyBanned,
    };
    const t = transition(current, r.verdict);
    await tx
      .update(connectionHealth)
      .set({
        state: t.next.state,
        failures: t.next.failures,
        successes: t.next.successes,
        answeredFailures: t.next.answeredFailures,
        probablyBanned: t.next.probablyBanned,
        ...(t.stop ? { stoppedRevision: r.credentialRevision } : {}),
        lastSlot: r.slot,
        lastCheckAt: at,
        lastVerdict: r.verdict,
        lastTarget: r.target,
        updatedAt: at,
      })
      .where(eq(connectionHealth.connectionId, r.connectionId));
    await tx.insert(healthChecks).values({
      connectionId: r.connectionId,
      at,
      dueAt: r.slot,
      ok: r.ok,
      verdict: r.verdict,
      durationMs: Math.max(0, Math.round(r.durationMs)),
      state: t.next.state,
    });
    let eventId: string | null = null;
    if (t.changed && t.reason) {
      const [event] = await tx
        .insert(healthEvents)
        .values({
          connectionId: r.connectionId,
          organizationId: row.organizationId,
          at,
          fromState: current.state,
          toState: t.next.state,
          reason: t.reason,
          verdict: r.verdict,
        })
        .returning({ id: healthEvents.id });
      eventId = event?.id ?? null;
      if (eventId && onEvent) await onEvent(tx, eventId);
    }
    return { applied: true, transition: t, eventId, organizationId: row.organizationId };
  });
}

export type HealthView = {
  connectionId: string;
  state: HealthStateName;
  failures: number;
  successes: number;
  probablyBanned: boolean;
  /** True while the PBX's rejection of the current credentials holds checks back. */
  stopped: boolean;
  paused: boolean;
  nextDueAt: Date;
  lastCheckAt: Date | null;
  lastVerdict: string | null;
  lastTarget: string | null;
};

const viewColumns = {
  connectionId: connectionHealth.connectionId,
  state: connectionHealth.state,
  failures: connectionHealth.failures,
  successes: connectionHealth.successes,
  probablyBanned: connectionHealth.probablyBanned,
  stopped: sql<boolean>`coalesce(${connectionHealth.stoppedRevision} = ${connections.credentialRevision}, false)`,
  paused: connectionHealth.paused,
  nextDueAt: connectionHealth.nextDueAt,
  lastCheckAt: connectionHealth.lastCheckAt,
  lastVerdict: connectionHealth.lastVerdict,
  lastTarget: connectionHealth.lastTarget,
};

/** Health of these connections (missing ones have never been monitored). */
export async function listHealth(db: Db, connectionIds: string[]): Promise<Map<string, HealthView>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await db
    .select(viewColumns)
    .from(connectionHealth)
    .innerJoin(connections, eq(connections.id, connectionHealth.connectionId))
    .where(inArray(connectionHealth.connectionId, connectionIds));
  return new Map(rows.map((r) => [r.connectionId, r]));
}

export async function getHealth(db: Db, connectionId: string): Promise<HealthView | undefined> {
  return (await listHealth(db, [connectionId])).get(connectionId);
}

export type CheckPoint = {
  at: Date;
  ok: boolean;
  verdict: string;
  durationMs: number;
  state: HealthStateName;
};

export async function listChecks(db: Db, connectionId: string, since: Date): Promise<CheckPoint[]> {
  return db
    .select({
      at: healthChecks.at,
      ok: healthChecks.ok,
      verdict: healthChecks.verdict,
      durationMs: healthChecks.durationMs,
      state: healthChecks.state,
    })
    .from(healthChecks)
    .where(and(eq(healthChecks.connectionId, connectionId), gte(healthChecks.at, since)))
    .orderBy(asc(healthChecks.at));
}

export type HealthEventView = {
  id: string;
  connectionId: string;
  organizationId: string;
  at: Date;
  fromState: HealthStateName;
  toState: HealthStateName;
  reason: string;
  verdict: string | null;
};

const eventColumns = {
  id: healthEvents.id,
  connectionId: healthEvents.connectionId,
  organizationId: healthEvents.organizationId,
  at: healthEvents.at,
  fromState: healthEvents.fromState,
  toState: healthEvents.toState,
  reason: healthEvents.reason,
  verdict: healthEvents.verdict,
};

export async function listEvents(db: Db, connectionId: string, limit = 50): Promise<HealthEventView[]> {
  return db
    .select(eventColumns)
    .from(healthEvents)
    .where(eq(healthEvents.connectionId, connectionId))
    .orderBy(desc(healthEvents.at))
    .limit(limit);
}

export async function getEvent(db: Db, id: string): Promise<HealthEventView | undefined> {
  const rows = await db.select(eventColumns).from(healthEvents).where(eq(healthEvents.id, id));
  return rows[0];
}

/** Support's pause/resume; resuming makes the connection due at once. */
export async function setPaused(db: Db, connectionId: string, paused: boolean): Promise<boolean> {
  const rows = await db
    .update(connectionHealth)
    .set({ paused, updatedAt: new Date(), ...(paused ? {} : { nextDueAt: new Date() }) })
    .where(eq(connectionHealth.connectionId, connectionId))
    .returning({ id: connectionHealth.connectionId });
  return rows.length > 0;
}

/** Creates the health row if needed (a connection just activated); returns nothing. */
export async function ensureHealthRow(db: Db, connectionId: string, dueAt: Date): Promise<void> {
  await db
    .insert(connectionHealth)
    .values({ connectionId, nextDueAt: dueAt })
    .onConflictDoNothing({ target: connectionHealth.connectionId });
}

/** The organization's people an alert goes to. */
export async function alertRecipients(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.organizationId, organizationId))
    .orderBy(asc(users.email));
  return rows.map((r) => r.email);
}

/** Check rows older than `days` go, a batch at a time; the chart shows at most 7 days. */
export async function pruneChecks(db: Db, days: number, batch = 10_000): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`delete from health_checks where id in (
          select id from health_checks where at < now() - make_interval(days => ${days}) limit ${batch}
        ) returning id`,
  );
  return rows.length;
}

/**
 * Takes the target for one check unless another holder has it and its lease still runs.
 * One statement: two workers racing for a free target cannot both win (the primary key).
 */
export async function acquireTargetLease(
  db: Db,
  input: { target: string; holder: string; ttlSeconds: number },
): Promise<boolean> {
  const rows = await queryRows<{ target: string }>(
    db,
    sql`insert into monitor_target_leases (target, holder, until)
        values (${input.target}, ${input.holder}, now() + make_interval(secs => ${input.ttlSeconds}))
        on conflict (target) do update set holder = excluded.holder, until = excluded.until
          where monitor_target_leases.until < now()
        returning target`,
  );
  return rows.length > 0;
}

export async function releaseTargetLease(db: Db, input: { target: string; holder: string }): Promise<void> {
  await db
    .delete(monitorTargetLeases)
    .where(and(eq(monitorTargetLeases.target, input.target), eq(monitorTargetLeases.holder, input.holder)));
}
