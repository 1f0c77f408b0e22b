import "server-only";
import { and, desc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { rateEvents } from "../schema";

/**
 * Failed sign-ins slow further guesses with increasing delays, never a hard lock: after `free`
 * failures in the window, each next attempt waits base·2^(extra) seconds after the last failure,
 * up to `capSeconds`. Only failures count (an attempt is counted up front and uncounted if it
 * succeeds, so parallel guesses cannot slip through), and a success resets the account's rows.
 * Per IP+account a stranger slows only themself; the per-account rule (any address) has a high
 * threshold and a short cap, so guessing from many addresses is slowed but the owner is never
 * locked out for long; per IP it limits spraying across accounts.
 */
export const SIGN_IN_THROTTLE = {
  ipAccount: { free: 3, capSeconds: 15 * 60 },
  account: { free: 20, capSeconds: 60 },
  ip: { free: 30, capSeconds: 15 * 60 },
  windowSeconds: 60 * 60,
} as const;

type Rule = { free: number; capSeconds: number };
type Key = { bucket: string; key: string; rule: Rule };

function keys(email: string, ip: string): Key[] {
  return [
    { bucket: "sign_in_fail_ip_account", key: `${ip}|${email}`, rule: SIGN_IN_THROTTLE.ipAccount },
    { bucket: "sign_in_fail_account", key: email, rule: SIGN_IN_THROTTLE.account },
    { bucket: "sign_in_fail_ip", key: ip, rule: SIGN_IN_THROTTLE.ip },
  ];
}

export function delaySeconds(failures: number, rule: Rule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.capSeconds, 2 ** (failures - rule.free));
}

export type Attempt = { ok: true; ids: number[] } | { ok: false; retryAfterSeconds: number };

/** Checks the delays and, if none applies, counts this attempt as a failure until `succeeded`. */
export async function beginSignInAttempt(
  db: Db,
  input: { email: string; ip: string; now?: Date },
): Promise<Attempt> {
  const now = input.now ?? new Date();
  const since = new Date(+now - SIGN_IN_THROTTLE.windowSeconds * 1000);
  let wait = 0;
  for (const k of keys(input.email, input.ip)) {
    const rows = await db
      .select({ at: rateEvents.at })
      .from(rateEvents)
      .where(and(eq(rateEvents.bucket, k.bucket), eq(rateEvents.key, k.key), gt(rateEvents.at, since)))
      .orderBy(desc(rateEvents.at))
      .limit(k.rule.free + 20);
    const last = rows[0]?.at;
    const delay = delaySeconds(rows.length, k.rule);
    if (last && delay > 0) wait = Math.max(wait, Math.ceil((+last + delay * 1000 - +now) / 1000));
  }
  if (wait > 0) return { ok: false, retryAfterSeconds: wait };
  const inserted = await db
    .insert(rateEvents)
    .values(keys(input.email, input.ip).map((k) => ({ bucket: k.bucket, key: k.key, at: now })))
    .returning({ id: rateEvents.id });
  return { ok: true, ids: inserted.map((r) => r.id) };
}

/** A success: this attempt was no failure, and the account's failures are forgiven. */
export async function signInSucceeded(db: Db, input: { email: string; ip: string; ids: number[] }) {
  const [ipAccount, account] = keys(input.email, input.ip);
  if (input.ids.length > 0) await db.delete(rateEvents).where(inArray(rateEvents.id, input.ids));
  for (const k of [ipAccount, account]) {
    if (k) await db.delete(rateEvents).where(and(eq(rateEvents.bucket, k.bucket), eq(rateEvents.key, k.key)));
  }
}
