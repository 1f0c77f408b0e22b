import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type Json, testCalls } from "../schema";

export type TestCallRecord = typeof testCalls.$inferSelect;

export async function recordCallStart(
  db: Db,
  input: { connectionId: string; direction: string; credentialRevision: number; requestedBy: string | null },
): Promise<TestCallRecord> {
  const rows = await db.insert(testCalls).values(input).returning();
  const row = rows[0];
  if (!row) throw new Error("insert into test_calls returned no row");
  return row;
}

/** `trace` must already be redacted (lib/sip does it); `facts` already whitelisted. */
export async function recordCallResult(
  db: Db,
  input: { id: string; outcome: string; ok: boolean; call: Json; report: Json; trace: Json; facts: Json },
): Promise<void> {
  const { id, ...rest } = input;
  await db
    .update(testCalls)
    .set({ ...rest, finishedAt: new Date() })
    .where(eq(testCalls.id, id));
}

export async function listCalls(db: Db, connectionId: string, limit = 20): Promise<TestCallRecord[]> {
  return db
    .select()
    .from(testCalls)
    .where(eq(testCalls.connectionId, connectionId))
    .orderBy(desc(testCalls.startedAt), desc(testCalls.id))
    .limit(limit);
}
