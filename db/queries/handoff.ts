import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { HANDOFF_MAX_ATTEMPTS } from "@/lib/handoff/types";
import type { Db } from "../client";
import { connections, handoffLinks, organizations } from "../schema";

/**
 * One-time links from a customer to their telecom provider. The token is 256 random
 * bits, shown once; the table keeps only its SHA-256, so a database leak yields no usable link.
 * A link is usable while it is unused, unrevoked and unexpired; claiming it is one UPDATE with
 * all three conditions, so two simultaneous submissions cannot both win. A failed test reopens
 * it, up to HANDOFF_MAX_ATTEMPTS submissions; a passing one leaves it used.
 */

export const HANDOFF_TTL_DAYS = [1, 3, 7, 14] as const;
export type HandoffTtlDays = (typeof HANDOFF_TTL_DAYS)[number];
const DEFAULT_HANDOFF_TTL_DAYS: HandoffTtlDays = 7;

/** base64url of 32 bytes, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type HandoffLink = typeof handoffLinks.$inferSelect;
export type HandoffState = "pending" | "used" | "expired" | "revoked";
export type HandoffRefusal = "not_found" | "used" | "expired" | "revoked";

export type HandoffContext = {
  link: HandoffLink;
  organizationName: string;
  connectionLabel: string;
};

export function hashHandoffToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function isHandoffTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function handoffState(link: HandoffLink, now: Date = new Date()): HandoffState {
  if (link.usedAt) return "used";
  if (link.revokedAt) return "revoked";
  if (link.expiresAt <= now) return "expired";
  return "pending";
}

/** Creates a link; the returned token is the only copy there will ever be. */
export async function createHandoffLink(
  db: Db,
  input: {
    orgId: string;
    connectionId: string;
    createdBy: string | null;
    ttlDays?: HandoffTtlDays;
    now?: Date;
  },
): Promise<{ link: HandoffLink; token: string }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const days = input.ttlDays ?? DEFAULT_HANDOFF_TTL_DAYS;
  const rows = await db
    .insert(handoffLinks)
    .values({
      tokenHash: hashHandoffToken(token),
      organizationId: input.orgId,
      connectionId: input.connectionId,
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt: new Date(+now + days * 24 * 60 * 60 * 1000),
    })
    .returning();
  const link = rows[0];
  if (!link) throw new Error("insert into handoff_links returned no row");
  return { link, token };
}

/**
 * The link behind a token with the names the provider sees, or why it cannot be used. The
 * refusal carries the link when one exists, so the caller can audit it against its organization.
 */
export async function findHandoff(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<{ ok: true; ctx: HandoffContext } | { ok: false; code: HandoffRefusal; link?: HandoffLink }> {
  if (!isHandoffTokenShape(token)) return { ok: false, code: "not_found" };
  const rows = await db
    .select({ link: handoffLinks, organizationName: organizations.name, connectionLabel: connections.label })
    .from(handoffLinks)
    .innerJoin(organizations, eq(organizations.id, handoffLinks.organizationId))
    .innerJoin(connections, eq(connections.id, handoffLinks.connectionId))
    .where(eq(handoffLinks.tokenHash, hashHandoffToken(token)));
  const row = rows[0];
  if (!row) return { ok: false, code: "not_found" };
  const state = handoffState(row.link, now);
  if (state !== "pending") return { ok: false, code: state, link: row.link };
  return { ok: true, ctx: row };
}

/** Notes the first time the provider opened the link (later opens change nothing). */
export async function markHandoffOpened(db: Db, id: string, now: Date = new Date()): Promise<void> {
  await db
    .update(handoffLinks)
    .set({ openedAt: now })
    .where(and(eq(handoffLinks.id, id), isNull(handoffLinks.openedAt)));
}

/**
 * Takes the link for one submission, atomically, counting the attempt: while its test runs the
 * link is used, so a second submission cannot run alongside. Null when it is not usable.
 */
export async function claimHandoffLink(
  db: Db,
  input: { id: string; now?: Date },
): Promise<HandoffLink | null> {
  const now = input.now ?? new Date();
  const rows = await db
    .update(handoffLinks)
    .set({ usedAt: now, attempts: sql`${handoffLinks.attempts} + 1` })
    .where(
      and(
        eq(handoffLinks.id, input.id),
        isNull(handoffLinks.usedAt),
        lt(handoffLinks.attempts, HANDOFF_MAX_ATTEMPTS),
        isNull(handoffLinks.revokedAt),
        gt(handoffLinks.expiresAt, now),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

/**
 * After a failed test: the link works again while attempts remain (and it is neither revoked nor
 * expired). Returns the attempts left, 0 when the link stays used.
 */
export async function reopenHandoffLink(db: Db, input: { id: string; now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  const rows = await db
    .update(handoffLinks)
    .set({ usedAt: null })
    .where(
      and(
        eq(handoffLinks.id, input.id),
        lt(handoffLinks.attempts, HANDOFF_MAX_ATTEMPTS),
        isNull(handoffLinks.revokedAt),
        gt(handoffLinks.expiresAt, now),
      ),
    )
    .returning({ attempts: handoffLinks.attempts });
  const row = rows[0];
  return row ? HANDOFF_MAX_ATTEMPTS - row.attempts : 0;
}

/** Remembers which test the provider's submission ran, for the customer's overview. */
export async function setHandoffTest(db: Db, input: { id: string; testId: string }): Promise<void> {
  await db.update(handoffLinks).set({ testId: input.testId }).where(eq(handoffLinks.id, input.id));
}

/** Withdraws an unused link. False when it was already used, revoked or not the org's. */
export async function revokeHandoffLink(
  db: Db,
  input: { id: string; orgId: string; now?: Date },
): Promise<HandoffLink | null> {
  const rows = await db
    .update(handoffLinks)
    .set({ revokedAt: input.now ?? new Date() })
    .where(
      and(
        eq(handoffLinks.id, input.id),
        eq(handoffLinks.organizationId, input.orgId),
        isNull(handoffLinks.usedAt),
        isNull(handoffLinks.revokedAt),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

/** A connection's links, newest first. `orgId: null` is for support staff. */
export async function listHandoffLinks(
  db: Db,
  input: { connectionId: string; orgId: string | null; limit?: number },
): Promise<HandoffLink[]> {
  const where =
    input.orgId === null
      ? eq(handoffLinks.connectionId, input.connectionId)
      : and(eq(handoffLinks.connectionId, input.connectionId), eq(handoffLinks.organizationId, input.orgId));
  return db
    .select()
    .from(handoffLinks)
    .where(where)
    .orderBy(desc(handoffLinks.createdAt))
    .limit(input.limit ?? 20);
}
