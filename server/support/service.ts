import "server-only";
import type { Db } from "@/db/client";
import { appendAudit, listAudit } from "@/db/queries/audit";
import { setStatus } from "@/db/queries/connections";
import {
  findSupportConnection,
  querySupportConnections,
  type SupportConnection,
  type SupportListInput,
  type SupportListPage,
} from "@/db/queries/support";
import { listCalls } from "@/db/queries/test-calls";
import { listTests } from "@/db/queries/tests";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import { assertSupport, type RoleBearer } from "@/server/auth/access";

/**
 * The support console's service. Every function starts with `assertSupport`, so only staff
 * reach the queries; support can see that a password is saved and when, never what it is.
 */

export type { SupportConnection, SupportListInput, SupportListPage } from "@/db/queries/support";

/** All organizations' connections, most recent problems first, one page at a time. */
export async function listSupportConnections(
  db: Db,
  actor: RoleBearer | null,
  input: SupportListInput = {},
): Promise<SupportListPage> {
  assertSupport(actor);
  return querySupportConnections(db, input);
}

/** One connection of any organization, without its password; undefined when unknown. */
export async function getSupportConnection(
  db: Db,
  actor: RoleBearer | null,
  id: string,
): Promise<SupportConnection | undefined> {
  assertSupport(actor);
  if (!isUuid(id)) return undefined;
  return findSupportConnection(db, id);
}

export type SupportActor = RoleBearer & { userId: string | null; label: string };

/** Every support view of a connection is audited. */
export async function recordSupportView(db: Db, actor: SupportActor, connection: SupportConnection) {
  assertSupport(actor);
  await appendAudit(db, {
    organizationId: connection.organizationId,
    connectionId: connection.id,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: "connection.support_viewed",
  });
}

export const NOTE_MAX = 2000;

/** Internal notes live in the append-only audit log: who wrote what, when, never edited. */
export async function addInternalNote(
  db: Db,
  actor: SupportActor,
  input: { connectionId: string; note: string },
) {
  assertSupport(actor);
  const note = input.note.trim();
  if (note === "" || note.length > NOTE_MAX) {
    throw new AppError("validation", "note empty or too long", {
      fieldErrors: { note: [note === "" ? "validation.required" : "validation.tooLong"] },
    });
  }
  const connection = await getSupportConnection(db, actor, input.connectionId);
  if (!connection) throw new AppError("not_found", `connection ${input.connectionId} not found`);
  return appendAudit(db, {
    organizationId: connection.organizationId,
    connectionId: connection.id,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: "connection.note_added",
    details: { note },
  });
}

/**
 * Support switches a connection off (e.g. it floods a PBX with failed registrations). `disabled`
 * is sticky: tests still run and are recorded, but only a deliberate status change turns it on.
 */
export async function deactivateAsSupport(db: Db, actor: SupportActor, connectionId: string) {
  assertSupport(actor);
  if (!isUuid(connectionId)) throw new AppError("not_found", `connection ${connectionId} not found`);
  return db.transaction(async (tx) => {
    const result = await setStatus(tx, { id: connectionId, orgId: null, to: "disabled" });
    if (!result.ok) throw result.error;
    await appendAudit(tx, {
      organizationId: result.connection.organizationId,
      connectionId,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: "connection.deactivated",
      details: { by: "support" },
    });
    return result.connection;
  });
}

/** The support detail page: the connection, its recent tests and audit trail; the view is audited. */
export async function loadSupportConnectionPage(db: Db, actor: SupportActor, id: string) {
  const connection = await getSupportConnection(db, actor, id);
  if (!connection) return undefined;
  await recordSupportView(db, actor, connection);
  const [tests, audit, calls] = await Promise.all([
    listTests(db, connection.id, 20),
    listAudit(db, { connectionId: connection.id, limit: 100 }),
    listCalls(db, connection.id, 10),
  ]);
  return { connection, tests, audit, calls };
}
