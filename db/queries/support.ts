import "server-only";
import { and, asc, desc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type ConnectionStatus, connections, connectionTests, organizations } from "../schema";
import type { ConnectionView } from "./connections";
import { publicColumns } from "./connections";

/**
 * The support console's reads across every organization. Role checks and audit events live in
 * server/support/service.ts; every select here names its columns (never the password
 * ciphertext), and nothing here decrypts.
 */

export const PAGE_SIZE = 20;
/** `untested`: no finished test yet. */
export type VerdictFilter = string | "untested";

export type SupportListInput = {
  status?: ConnectionStatus;
  verdict?: VerdictFilter;
  /** Registration health (server/monitor); `unmonitored`: no health row yet. */
  health?: "unknown" | "healthy" | "degraded" | "down" | "paused" | "unmonitored";
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
  /** Registration health; null when never monitored. */
  health: string | null;
  healthPaused: boolean | null;
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
export async function querySupportConnections(
  db: Db,
  input: SupportListInput = {},
): Promise<SupportListPage> {
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? PAGE_SIZE), 1), 100);
  const page = Math.max(Math.trunc(input.page ?? 1), 1);
  const latest = latestTestSubquery(db);

  const filters: SQL[] = [];
  if (input.status) filters.push(eq(connections.status, input.status));
  if (input.verdict === "untested") filters.push(isNull(latest.verdict));
  else if (input.verdict) filters.push(eq(latest.verdict, input.verdict));
  const health = sql`(select h.state from connection_health h where h.connection_id = ${connections.id})`;
  const healthPaused = sql`(select h.paused from connection_health h where h.connection_id = ${connections.id})`;
  if (input.health === "unmonitored") filters.push(sql`${health} is null`);
  else if (input.health === "paused") filters.push(sql`${healthPaused} = true`);
  else if (input.health) filters.push(sql`${health} = ${input.health}`);
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
      health: sql<string | null>`${health}`,
      healthPaused: sql<boolean | null>`${healthPaused}`,
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
export async function findSupportConnection(db: Db, id: string): Promise<SupportConnection | undefined> {
  const rows = await db
    .select({ ...publicColumns, organizationName: organizations.name })
    .from(connections)
    .innerJoin(organizations, eq(organizations.id, connections.organizationId))
    .where(eq(connections.id, id));
  return rows[0];
}
