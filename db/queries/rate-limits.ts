import "server-only";
import { and, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  credentialAttempts,
  orgTargetHosts,
  rateCooldowns,
  rateEvents,
  rejectedCredentials,
} from "../schema";

/**
 * Rate limits kept in the database, so every app instance shares them. Each check
 * runs in a transaction holding an advisory lock on its (bucket, key): concurrent callers are
 * serialized per key, so N simultaneous requests can never all see "one slot left".
 * Denied attempts are not recorded: hammering does not extend one's own wait.
 */
export const RATE_LIMITS = {
  /** Per connection: tests started. */
  connectionTests: { limit: 10, windowSeconds: 60 * 60 },
  /** Per client IP: requests to any test endpoint. */
  clientIp: { limit: 30, windowSeconds: 10 * 60 },
  /**
   * Per target address, across all customers: credentialed REGISTERs that failed (or may have)
   * since the target's last success, and in all (`hardLimit`, successes do not reset a PBX's
   * fail2ban). Below Grandstream UCM's 5 in 600 s, the strictest common default; the window
   * is that findtime plus a minute of margin, and is the only wait (docs/pbx-safety.md).
   */
  targetAuth: { limit: 2, hardLimit: 4, windowSeconds: 11 * 60 },
  /** Per organization: tests started, whichever connection. */
  orgTests: { limit: 60, windowSeconds: 60 * 60 },
  /** Per organization: connections (a cap, not a window). */
  orgConnections: { limit: 50 },
  /** Per organization: hosts never tested before (domain, proxy, redirect target, address). */
  orgNewHosts: { limit: 5, windowSeconds: 24 * 60 * 60 },
} as const;

export type RateLimited = { ok: false; code: "rate_limited"; retryAfterSeconds: number };
export type RateResult = { ok: true } | RateLimited;

function limited(until: Date, now: Date): RateLimited {
  return {
    ok: false,
    code: "rate_limited",
    retryAfterSeconds: Math.max(1, Math.ceil((+until - +now) / 1000)),
  };
}

const ago = (now: Date, seconds: number) => new Date(+now - seconds * 1000);
const after = (t: Date, seconds: number) => new Date(+t + seconds * 1000);

async function lock(tx: Db, bucket: string, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rate:${bucket}:${key}`}, 0))`);
}

/** A sliding window: at most `limit` hits of (bucket, key) in any `windowSeconds`. */
export async function takeSlidingWindow(
  db: Db,
  input: { bucket: string; key: string; limit: number; windowSeconds: number; now?: Date },
): Promise<RateResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await lock(tx, input.bucket, input.key);
    const recent = await tx
      .select({ at: rateEvents.at })
      .from(rateEvents)
      .where(
        and(
          eq(rateEvents.bucket, input.bucket),
          eq(rateEvents.key, input.key),
          gt(rateEvents.at, ago(now, input.windowSeconds)),
        ),
      )
      .orderBy(desc(rateEvents.at))
      .limit(input.limit);
    // Full when the newest `limit` hits are all in the window; a slot frees when the oldest leaves.
    const oldest = recent[input.limit - 1];
    if (oldest) return limited(after(oldest.at, input.windowSeconds), now);
    await tx.insert(rateEvents).values({ bucket: input.bucket, key: input.key, at: now });
    return { ok: true };
  });
}

/** At most 10 tests an hour per connection. Call before starting a test. */
export function checkConnectionTestRate(
  db: Db,
  input: { connectionId: string; now?: Date },
): Promise<RateResult> {
  return takeSlidingWindow(db, {
    bucket: "connection_test",
    key: input.connectionId,
    ...RATE_LIMITS.connectionTests,
    now: input.now,
  });
}

/** At most 60 tests an hour per organization, over all its connections. */
export function checkOrgTestRate(db: Db, input: { orgId: string; now?: Date }): Promise<RateResult> {
  return takeSlidingWindow(db, {
    bucket: "org_tests",
    key: input.orgId,
    ...RATE_LIMITS.orgTests,
    now: input.now,
  });
}

/** Requests per client IP on every test endpoint. */
export function checkClientIpRate(db: Db, input: { ip: string; now?: Date }): Promise<RateResult> {
  return takeSlidingWindow(db, {
    bucket: "client_ip",
    key: input.ip.toLowerCase(),
    ...RATE_LIMITS.clientIp,
    now: input.now,
  });
}

/**
 * At most 5 hosts a day that the organization has never tested before; known hosts always pass.
 * Pass the host as typed (domain or IP literal); it is compared case-insensitively.
 */
export async function checkOrgNewHost(
  db: Db,
  input: { orgId: string; host: string; now?: Date },
): Promise<RateResult> {
  const now = input.now ?? new Date();
  const host = input.host.trim().toLowerCase();
  const { limit, windowSeconds } = RATE_LIMITS.orgNewHosts;
  return db.transaction(async (tx) => {
    await lock(tx, "org_new_host", input.orgId);
    const known = await tx
      .select({ host: orgTargetHosts.host })
      .from(orgTargetHosts)
      .where(and(eq(orgTargetHosts.organizationId, input.orgId), eq(orgTargetHosts.host, host)));
    if (known.length > 0) return { ok: true };
    const recent = await tx
      .select({ at: orgTargetHosts.firstSeenAt })
      .from(orgTargetHosts)
      .where(
        and(
          eq(orgTargetHosts.organizationId, input.orgId),
          gt(orgTargetHosts.firstSeenAt, ago(now, windowSeconds)),
        ),
      )
      .orderBy(desc(orgTargetHosts.firstSeenAt))
      .limit(limit);
    const oldest = recent[limit - 1];
    if (oldest) return limited(after(oldest.at, windowSeconds), now);
    await tx.insert(orgTargetHosts).values({ organizationId: input.orgId, host, firstSeenAt: now });
    return { ok: true };
  });
}

export type Reservation = { ok: true; reservationId: string } | RateLimited;

/**
 * Reserves the right to send one credentialed REGISTER to `target` (the IP address exactly as
 * the socket will use it). Take it right before the credentials go on the wire and settle it
 * afterwards. Unsettled reservations count as failures, so however many tests run at once, at
 * most `limit` failed attempts since the target's last success (and `hardLimit` in all) reach
 * one target per window. A refusal says when the oldest counted failure leaves the window.
 */
export async function reserveCredentialAttempt(
  db: Db,
  input: { target: string; now?: Date },
): Promise<Reservation> {
  const now = input.now ?? new Date();
  const { limit, hardLimit, windowSeconds } = RATE_LIMITS.targetAuth;
  return db.transaction(async (tx) => {
    await lock(tx, "target_auth", input.target);
    const recent = await tx
      .select({ at: credentialAttempts.reservedAt, outcome: credentialAttempts.outcome })
      .from(credentialAttempts)
      .where(
        and(
          eq(credentialAttempts.target, input.target),
          gt(credentialAttempts.reservedAt, ago(now, windowSeconds)),
          inArray(credentialAttempts.outcome, ["pending", "failure", "cleared"]),
        ),
      )
      .orderBy(desc(credentialAttempts.reservedAt))
      .limit(hardLimit);
    const open = recent.filter((r) => r.outcome !== "cleared");
    const full = open[limit - 1] ?? recent[hardLimit - 1];
    if (full) return limited(after(full.at, windowSeconds), now);
    const rows = await tx
      .insert(credentialAttempts)
      .values({ target: input.target, reservedAt: now, outcome: "pending" })
      .returning({ id: credentialAttempts.id });
    const row = rows[0];
    if (!row) throw new Error("insert into credential_attempts returned no row");
    return { ok: true, reservationId: row.id };
  });
}

/**
 * Settles a reservation: `not_sent` frees the slot; `success` frees it and clears the target's
 * earlier failures (they still count towards `hardLimit`); `failure` keeps it. Settling twice
 * is a no-op.
 */
export async function settleCredentialAttempt(
  db: Db,
  input: { reservationId: string; outcome: "success" | "failure" | "not_sent"; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const found = await tx
      .select({ target: credentialAttempts.target })
      .from(credentialAttempts)
      .where(eq(credentialAttempts.id, input.reservationId));
    const target = found[0]?.target;
    if (target === undefined) return;
    await lock(tx, "target_auth", target);
    const settled = await tx
      .update(credentialAttempts)
      .set({ outcome: input.outcome, settledAt: now })
      .where(and(eq(credentialAttempts.id, input.reservationId), eq(credentialAttempts.outcome, "pending")))
      .returning({ id: credentialAttempts.id });
    if (settled.length === 0 || input.outcome !== "success") return;
    await tx
      .update(credentialAttempts)
      .set({ outcome: "cleared" })
      .where(and(eq(credentialAttempts.target, target), eq(credentialAttempts.outcome, "failure")));
  });
}

/** Keys (lib/crypto/rejected-key.ts) of login details a PBX rejected: never sent again. */
export async function isRejectedCredential(db: Db, keys: string[]): Promise<boolean> {
  if (keys.length === 0) return false;
  const rows = await db
    .select({ key: rejectedCredentials.key })
    .from(rejectedCredentials)
    .where(inArray(rejectedCredentials.key, keys))
    .limit(1);
  return rows.length > 0;
}

export async function recordRejectedCredential(db: Db, keys: string[], now = new Date()): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insert(rejectedCredentials)
    .values(keys.map((key) => ({ key, rejectedAt: now })))
    .onConflictDoNothing();
}

/** How long a rejection is remembered: longer than any fail2ban ban we know of. */
export const REJECTED_MEMORY_DAYS = 30;

/** Deletes rows no limit can look at any more. Cheap; call from time to time. */
export async function pruneRateData(db: Db, now: Date = new Date()): Promise<void> {
  const dayAgo = ago(now, 24 * 60 * 60);
  await db.delete(rateEvents).where(lt(rateEvents.at, dayAgo));
  await db.delete(credentialAttempts).where(lt(credentialAttempts.reservedAt, dayAgo));
  await db.delete(rateCooldowns).where(lt(rateCooldowns.until, now));
  await db
    .delete(rejectedCredentials)
    .where(lt(rejectedCredentials.rejectedAt, ago(now, REJECTED_MEMORY_DAYS * 24 * 60 * 60)));
}
