import "server-only";
import { and, asc, desc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { assertSupport, type RoleBearer } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import type { Db } from "../client";
import { type ConnectionStatus, connections, connectionTests, organizations } from "../schema";
import { appendAudit } from "./audit";
import { type ConnectionView, publicColumns, setStatus } from "./connections";

/**
 * The support console's reads and writes. Every function starts with `assertSupport`, so only
 * staff reach them; every select names its columns (never the password ciphertext), and
 * nothing here decrypts: support can see that a password is saved and when, never what it is.
 */

export const PAGE_SIZE = 20;
/** `untested`: no finished test yet. */
export type VerdictFilter = string | "untested";

export type SupportListInput = {
  status?: ConnectionStatus;
  verdict?: VerdictFilter;
  /** Matches organization name, SIP domain or SIP username (case-insensitive substring). */
  q?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
};

export type SupportListRow = {
  id: string;
  organizationId: string;
  organizationName: string;
  label: string;
  sipUsername: string;
  sipDomain: string;
  status: ConnectionStatus;
  latestVerdict: string | null;
  latestOk: boolean | null;
  pbxProduct: string | null;
  lastTestAt: Date | null;
  updatedAt: Date;
  /** Latest verdict is a failure, or the connection is marked failed. */
  problem: boolean;
};

export type SupportListPage = { rows: SupportListRow[]; total: number; page: number; pageSize: number };

/** LIKE treats % and _ as wildcards and \ as the escape: a search for "a_b" means "a_b". */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function latestTestSubquery(db: Db) {
  return db
    .select({
      verdict: connectionTests.verdict,
      ok: connectionTests.ok,
      pbxProduct: connectionTests.pbxProduct,
      at: sql<Date>`coalesce(${connectionTests.finishedAt}, ${connectionTests.startedAt})`
        .mapWith(connectionTests.startedAt)
        .as("latest_at"),
    })
    .from(connectionTests)
    .where(and(eq(connectionTests.connectionId, connections.id), isNotNull(connectionTests.finishedAt)))
    .orderBy(desc(connectionTests.startedAt), desc(connectionTests.id))
    .limit(1)
    .as("latest");
}

/** All organizations' connections, most recent problems first, one page at a time. */
export async function listSupportConnections(
  db: Db,
  actor: RoleBearer | null,
  input: SupportListInput = {},
): Promise<SupportListPage> {
  assertSupport(actor);
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? PAGE_SIZE), 1), 100);
  const page = Math.max(Math.trunc(input.page ?? 1), 1);
  const latest = latestTestSubquery(db);

  const filters: SQL[] = [];
  if (input.status) filters.push(eq(connections.status, input.status));
  if (input.verdict === "untested") filters.push(isNull(latest.verdict));
  else if (input.verdict) filters.push(eq(latest.verdict, input.verdict));
  const q = input.q?.trim().slice(0, 200);
  if (q) {
    const p = likePattern(q);
    const match = or(
      ilike(organizations.name, p),
      ilike(connections.sipDomain, p),
      ilike(connections.sipUsername, p),
    );
    if (match) filters.push(match);
  }
  const where = filters.length > 0 ? and(...filters) : undefined;
  const problem = sql<boolean>`(${connections.status} = 'failed' or (${latest.verdict} is not null and ${latest.verdict} <> 'registered'))`;

  const rows = await db
    .select({
      id: connections.id,
      organizationId: connections.organizationId,
      organizationName: organizations.name,
      label: connections.label,
      sipUsername: connections.sipUsername,
      sipDomain: connections.sipDomain,
      status: connections.status,
      latestVerdict: latest.verdict,
      latestOk: latest.ok,
      pbxProduct: latest.pbxProduct,
      lastTestAt: latest.at,
      updatedAt: connections.updatedAt,
      problem,
    })
    .from(connections)
    .innerJoin(organizations, eq(organizations.id, connections.organizationId))
    .leftJoinLateral(latest, sql`true`)
    .where(where)
    .orderBy(desc(problem), desc(sql`coalesce(${latest.at}, ${connections.updatedAt})`), asc(connections.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);

  const counted = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(connections)
    .innerJoin(organizations, eq(organizations.id, connections.organizationId))
    .leftJoinLateral(latest, sql`true`)
    .where(where);
  return { rows, total: counted[0]?.n ?? 0, page, pageSize };
}

export type SupportConnection = ConnectionView & { organizationName: string };

/** One connection of any organization, without its password; undefined when unknown. */
export async function getSupportConnection(
  db: Db,
  actor: RoleBearer | null,
  id: string,
): Promise<SupportConnection | undefined> {
  assertSupport(actor);
  if (!isUuid(id)) return undefined;
  const rows = await db
    .select({ ...publicColumns, organizationName: organizations.name })
    .from(connections)
    .innerJoin(organizations, eq(organizations.id, connections.organizationId))
    .where(eq(connections.id, id));
  return rows[0];
}

export type SupportActor = RoleBearer & { userId: string | null; label: string };

/** Every support view of a connection is audited (issue 6). */
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
