import "server-only";
import { and, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { auditEvents, type Json } from "../schema";

export type AuditEvent = typeof auditEvents.$inferSelect;

// A string under a key that suggests a secret is refused outright rather than redacted, so the
// caller's bug shows up in tests. Flags such as `{ passwordChanged: true }` are fine.
const SECRET_KEY = /passw(or)?d|secret|ciphertext|token|authorization/i;

function findSecretKey(value: Json, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findSecretKey(v, `${path}[${i}]`);
      if (hit) return hit;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && typeof v === "string") return `${path}.${k}`;
      const hit = findSecretKey(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return undefined;
}

export type AuditInput = {
  organizationId: string;
  connectionId?: string | null;
  actorUserId?: string | null;
  /** Who, in words: an e-mail, "system", "support: Jane". */
  actorLabel: string;
  /** Dotted verb, e.g. connection.created, connection.activated, connection.test_started. */
  action: string;
  details?: Json;
  now?: Date;
};

/** Appends one event. The table refuses UPDATE/DELETE (migration 0001). */
export async function appendAudit(db: Db, input: AuditInput): Promise<AuditEvent> {
  const details = input.details ?? {};
  const secretPath = findSecretKey(details, "details");
  if (secretPath) throw new Error(`audit details must not carry secrets (${secretPath})`);
  const rows = await db
    .insert(auditEvents)
    .values({
      at: input.now ?? new Date(),
      organizationId: input.organizationId,
      connectionId: input.connectionId ?? null,
      actorUserId: input.actorUserId ?? null,
      actorLabel: input.actorLabel,
      action: input.action,
      details,
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("insert into audit_events returned no row");
  return row;
}

/** Newest first; `before` (an event id) pages further back. */
export async function listAudit(
  db: Db,
  input: {
    organizationId?: string;
    connectionId?: string;
    /** Only these actions. */
    actions?: string[];
    before?: number;
    limit?: number;
  },
): Promise<AuditEvent[]> {
  const filters: SQL[] = [];
  if (input.actions) filters.push(inArray(auditEvents.action, input.actions));
  if (input.organizationId) filters.push(eq(auditEvents.organizationId, input.organizationId));
  if (input.connectionId) filters.push(eq(auditEvents.connectionId, input.connectionId));
  if (input.before !== undefined) filters.push(lt(auditEvents.id, input.before));
  return db
    .select()
    .from(auditEvents)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(input.limit ?? 100);
}
