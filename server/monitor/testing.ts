import "server-only";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ensureHealthRow, getHealth, type HealthView } from "@/db/queries/health";
import { createOrganization } from "@/db/queries/organizations";
import { connectionHealth, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { runConnectionTest } from "@/server/connections/run-test";
import { activate, saveConnection } from "@/server/connections/service";

/** Helpers for the monitor's tests and bench: real connections, activated the real way. */

export const LOOPBACK = { allowCidrs: ["127.0.0.0/8"] };

export async function testOrganization(db: Db, name: string, emails: string[] = []) {
  const org = await createOrganization(db, { name });
  for (const email of emails) {
    await db.insert(users).values({ email, name: email, role: "customer", organizationId: org.id });
  }
  const actor: Actor = { userId: null, organizationId: org.id, role: "customer", label: emails[0] ?? name };
  return { org, actor };
}

export type AccountValues = { username: string; password: string; domain: string; transport?: "udp" | "tcp" };

const values = (label: string, a: AccountValues) => ({
  label,
  sipUsername: a.username,
  sipPassword: a.password,
  sipDomain: a.domain,
  transport: a.transport ?? "udp",
});

/** Saves, tests (the wizard's runner) and activates a connection; throws unless it passes. */
export async function activeConnection(
  db: Db,
  actor: Actor,
  label: string,
  a: AccountValues,
): Promise<string> {
  const c = await saveConnection(db, actor, {
    intent: "test",
    idempotencyKey: `monitor-${randomBytes(8).toString("hex")}`,
    values: values(label, a),
  });
  const r = await runConnectionTest({
    db,
    actor,
    connectionId: c.id,
    clientIp: null,
    locale: "en",
    policy: LOOPBACK,
    timeoutMs: 3000,
  });
  if (!r.test.ok) throw new Error(`activation test of ${label} failed: ${r.test.verdict}`);
  await activate(db, actor, c.id);
  return c.id;
}

/** The customer fixes the settings: save (deactivates), test, activate again. */
export async function changeSettings(db: Db, actor: Actor, id: string, label: string, a: AccountValues) {
  const { getConnection } = await import("@/db/queries/connections");
  const before = await getConnection(db, { id, orgId: actor.organizationId });
  if (!before) throw new Error("connection gone");
  await saveConnection(db, actor, {
    id,
    expectedVersion: before.version,
    intent: "test",
    values: values(label, a),
  });
  const r = await runConnectionTest({
    db,
    actor,
    connectionId: id,
    clientIp: null,
    locale: "en",
    policy: LOOPBACK,
    timeoutMs: 3000,
  });
  if (!r.test.ok) throw new Error(`re-test of ${label} failed: ${r.test.verdict}`);
  await activate(db, actor, id);
}

/** Makes these connections due now (tests drive the scheduler instead of waiting a minute). */
export async function makeDue(db: Db, ids: string[]): Promise<void> {
  for (const id of ids) {
    await ensureHealthRow(db, id, new Date(Date.now() - 1000));
    await db
      .update(connectionHealth)
      .set({ nextDueAt: sql`now() - interval '1 second'` })
      .where(eq(connectionHealth.connectionId, id));
  }
}

/**
 * Waits for a condition that a worker makes true (not a timed assertion: the deadline only
 * turns a hang into a clear failure).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a check newer than `after` has been applied to the connection. */
export function nextCheck(db: Db, id: string, after: Date | null): Promise<HealthView> {
  return waitFor(`a check of ${id}`, async () => {
    const h = await getHealth(db, id);
    if (h?.lastCheckAt && (!after || +h.lastCheckAt > +after)) return h;
    return undefined;
  });
}
