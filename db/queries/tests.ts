import "server-only";
import { and, desc, eq, isNotNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { connections, connectionTests, type Json } from "../schema";
import { movableFrom, movedStatus } from "./connections";

/** One SIP test run of a connection, as shown in the wizard and the support console. */
export type TestRecord = typeof connectionTests.$inferSelect;

/** Starts a test row for the credential revision about to be tested. */
export async function recordTestStart(
  db: Db,
  input: { connectionId: string; credentialRevision: number; requestedBy?: string | null; now?: Date },
): Promise<TestRecord> {
  const rows = await db
    .insert(connectionTests)
    .values({
      connectionId: input.connectionId,
      credentialRevision: input.credentialRevision,
      requestedBy: input.requestedBy ?? null,
      startedAt: input.now ?? new Date(),
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("insert into connection_tests returned no row");
  return row;
}

export type TestOutcome = {
  verdict: string;
  ok: boolean;
  warnings?: Json;
  steps?: Json;
  sip?: Json;
  target?: Json;
  /** Must already be redacted (lib/sip does it); stored as given. */
  trace?: Json;
  /** Advice facts; lib/connections/facts.ts's storableFacts() decides what may be kept. */
  facts?: Json;
  pbxProduct?: string | null;
};

/**
 * Finishes a test. Unless `updateStatus` is false, the connection takes the test_passed or
 * test_failed move of lib/connections/status.ts in the same transaction — but only if its
 * credentials did not change meanwhile (a live connection keeps its status there).
 */
export async function recordTestResult(
  db: Db,
  input: { testId: string; outcome: TestOutcome; now?: Date; updateStatus?: boolean },
): Promise<TestRecord | undefined> {
  const now = input.now ?? new Date();
  const o = input.outcome;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(connectionTests)
      .set({
        finishedAt: now,
        verdict: o.verdict,
        ok: o.ok,
        warnings: o.warnings ?? null,
        steps: o.steps ?? null,
        sip: o.sip ?? null,
        target: o.target ?? null,
        trace: o.trace ?? null,
        facts: o.facts ?? null,
        pbxProduct: o.pbxProduct ?? null,
      })
      .where(eq(connectionTests.id, input.testId))
      .returning();
    const row = rows[0];
    if (!row || input.updateStatus === false) return row;
    const event = o.ok ? "test_passed" : "test_failed";
    await tx
      .update(connections)
      .set({ status: movedStatus(event), updatedAt: now })
      .where(
        and(
          eq(connections.id, row.connectionId),
          eq(connections.credentialRevision, row.credentialRevision),
          movableFrom(event),
        ),
      );
    return row;
  });
}

/** Newest first. */
export async function listTests(db: Db, connectionId: string, limit = 50): Promise<TestRecord[]> {
  return db
    .select()
    .from(connectionTests)
    .where(eq(connectionTests.connectionId, connectionId))
    .orderBy(desc(connectionTests.startedAt), desc(connectionTests.id))
    .limit(limit);
}

/**
 * The newest finished test, optionally of one credential revision. `tested`: skip runs the
 * target limiter refused (verdict rate_limited): they tested nothing.
 */
export async function latestTest(
  db: Db,
  connectionId: string,
  opts: { credentialRevision?: number; tested?: boolean } = {},
): Promise<TestRecord | undefined> {
  const filters = [eq(connectionTests.connectionId, connectionId), isNotNull(connectionTests.finishedAt)];
  if (opts.credentialRevision !== undefined) {
    filters.push(eq(connectionTests.credentialRevision, opts.credentialRevision));
  }
  if (opts.tested) filters.push(ne(connectionTests.verdict, "rate_limited"));
  const rows = await db
    .select()
    .from(connectionTests)
    .where(and(...filters))
    .orderBy(desc(connectionTests.startedAt), desc(connectionTests.id))
    .limit(1);
  return rows[0];
}
