import "server-only";
import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import type { Db } from "@/db/client";
import { appendAudit } from "@/db/queries/audit";
import { getConnection } from "@/db/queries/connections";
import {
  ensureHealthRow,
  type HealthEventView,
  type HealthView,
  listChecks,
  listEvents,
  listHealth,
  setPaused,
} from "@/db/queries/health";
import { connectionHealth, type HealthStateName } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { RANGES, type TimelinePoint } from "@/lib/monitor/timeline";
import { assertSupport, orgScope } from "@/server/auth/access";
import type { Actor } from "@/server/auth/actor";
import type { MonitorConfig } from "./config";
import { queueCheckNow } from "./scheduler";

/**
 * What people see of the monitor, scoped like everything else: a customer their own
 * organization's connections, support every one. Support's controls are audited.
 */

export type HealthFilter = HealthStateName | "paused" | "unmonitored";
export const HEALTH_FILTERS: readonly HealthFilter[] = [
  "healthy",
  "degraded",
  "down",
  "unknown",
  "paused",
  "unmonitored",
];

export function parseHealthFilter(v: string | undefined): HealthFilter | undefined {
  return HEALTH_FILTERS.find((f) => f === v);
}

export function matchesHealth(h: HealthView | undefined, f: HealthFilter): boolean {
  if (f === "unmonitored") return h === undefined;
  if (f === "paused") return h?.paused === true;
  return h?.state === f;
}

export async function healthOf(db: Db, ids: string[]): Promise<Map<string, HealthView>> {
  return listHealth(db, ids);
}

export type HealthDetail = {
  health: HealthView | undefined;
  points: TimelinePoint[];
  events: HealthEventView[];
};

export async function loadHealthDetail(db: Db, actor: Actor, connectionId: string): Promise<HealthDetail> {
  const c = await getConnection(db, { id: connectionId, orgId: orgScope(actor) });
  if (!c) throw new AppError("not_found", `connection ${connectionId} not visible to ${actor.label}`);
  const since = new Date(Date.now() - RANGES["7d"].ms);
  const [health, checks, events] = await Promise.all([
    listHealth(db, [c.id]).then((m) => m.get(c.id)),
    listChecks(db, c.id, since),
    listEvents(db, c.id, 30),
  ]);
  return { health, points: checks.map((x) => ({ at: x.at, ok: x.ok })), events };
}

async function supportTarget(db: Db, actor: Actor, connectionId: string) {
  assertSupport(actor);
  const c = await getConnection(db, { id: connectionId, orgId: null });
  if (!c) throw new AppError("not_found", `connection ${connectionId} not found`);
  if (c.status !== "active") throw new AppError("conflict", "only active connections are monitored");
  await ensureHealthRow(db, c.id, new Date());
  return c;
}

/** Support pauses or resumes monitoring of one connection (resuming makes it due at once). */
export async function setMonitoringPaused(db: Db, actor: Actor, connectionId: string, paused: boolean) {
  const c = await supportTarget(db, actor, connectionId);
  await setPaused(db, c.id, paused);
  await appendAudit(db, {
    organizationId: c.organizationId,
    connectionId: c.id,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: paused ? "connection.monitoring_paused" : "connection.monitoring_resumed",
  });
}

/**
 * "Check now": due at once, and queued at once when this process can send jobs (server/monitor/
 * sender.ts), so the next worker fetch runs it; otherwise the next scheduler pass (within a
 * minute) queues it. A check of stopped credentials or a paused connection still never runs.
 * Returns whether the check was queued now.
 */
export async function requestCheckNow(
  db: Db,
  actor: Actor,
  connectionId: string,
  sender: { boss: PgBoss; config: MonitorConfig } | null = null,
): Promise<{ queued: boolean }> {
  const c = await supportTarget(db, actor, connectionId);
  await db
    .update(connectionHealth)
    .set({ nextDueAt: new Date() })
    .where(eq(connectionHealth.connectionId, c.id));
  let queued = false;
  if (sender) {
    try {
      queued = await queueCheckNow(db, sender.boss, sender.config, c.id);
    } catch (err) {
      // The row is due already: the scheduler's next pass queues it instead.
      console.error(`[monitor] check now not queued: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await appendAudit(db, {
    organizationId: c.organizationId,
    connectionId: c.id,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: "connection.check_requested",
    details: { queued },
  });
  return { queued };
}
