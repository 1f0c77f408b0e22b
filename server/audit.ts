import "server-only";
import type { Db } from "@/db/client";
import { type AuditEvent, appendAudit } from "@/db/queries/audit";
import type { Json } from "@/lib/json";

/** Who an audit event names: a signed-in user, support staff, or a provider's handoff link. */
export type AuditActor = { userId: string | null; label: string };

/** What it is about: an organization, and usually one of its connections. */
export type AuditSubject = { organizationId: string; connectionId?: string | null };

/** The one way services write the append-only audit log. */
export function audit(
  db: Db,
  actor: AuditActor,
  subject: AuditSubject,
  action: string,
  details?: { [key: string]: Json },
): Promise<AuditEvent> {
  return appendAudit(db, {
    organizationId: subject.organizationId,
    connectionId: subject.connectionId ?? null,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action,
    details,
  });
}

/** A connection row as an audit subject. */
export const aboutConnection = (c: { id: string; organizationId: string }): AuditSubject => ({
  organizationId: c.organizationId,
  connectionId: c.id,
});
