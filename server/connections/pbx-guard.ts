import "server-only";
import type { Db } from "@/db/client";
import {
  checkOrgNewHost,
  isRejectedCredential,
  recordRejectedCredential,
  reserveCredentialAttempt,
  settleCredentialAttempt,
} from "@/db/queries/rate-limits";
import { rejectedCredentialKey } from "@/lib/crypto/rejected-key";
import type { AuthGate, SipCheckResult } from "@/lib/sip";
import { canonicalDestination, type Destination } from "@/lib/validation/destination";
import type { AdviceFacts } from "@/lib/verdicts/advice";

/**
 * What protects a PBX from us (docs/pbx-safety.md): login details it rejected are never sent
 * again (to the same destination, or to the same address by another name), and a changed one
 * goes out only while the target's failure budget allows (db/queries/rate-limits.ts).
 */
export type Refusal = "rejected_before" | "target_budget" | "test_limit";

/** The stored account as the runner loaded it (only what the keys need). */
type GuardedAccount = Destination & {
  sipUsername: string;
  authUsername: string | null;
  password: { reveal(): string };
};

export function pbxGuard(db: Db, account: GuardedAccount, o: { orgId?: string; now?: () => Date } = {}) {
  const now = o.now ?? (() => new Date());
  const orgId = o.orgId;
  /** Every host and address a test touches counts towards the organization's new-host cap. */
  const newHosts = async (hosts: string[]) => {
    if (!orgId) return { ok: true as const };
    for (const host of new Set(hosts.filter(Boolean))) {
      const r = await checkOrgNewHost(db, { orgId, host, now: now() });
      if (!r.ok) return r;
    }
    return { ok: true as const };
  };
  const creds = {
    username: account.sipUsername,
    authUsername: account.authUsername,
    password: account.password.reveal(),
  };
  const destKey = rejectedCredentialKey(creds, `dest:${canonicalDestination(account)}`);
  const addrKeys = new Set<string>();
  let refusal: Refusal | null = null;

  const gate: AuthGate = async (t) => {
    const addrKey = rejectedCredentialKey(creds, `addr:${t.address}`);
    addrKeys.add(addrKey);
    if (await isRejectedCredential(db, [addrKey])) {
      refusal = "rejected_before";
      return { ok: false, retryAfterSeconds: 0 };
    }
    // A redirect target or a resolved address is a destination too (before any credential).
    const cap = await newHosts([t.host, t.address]);
    if (!cap.ok) {
      refusal = "test_limit";
      return { ok: false, retryAfterSeconds: cap.retryAfterSeconds };
    }
    const r = await reserveCredentialAttempt(db, { target: t.address, now: now() });
    if (!r.ok) {
      refusal = "target_budget";
      return { ok: false, retryAfterSeconds: r.retryAfterSeconds };
    }
    return {
      ok: true,
      settle: (outcome) =>
        settleCredentialAttempt(db, { reservationId: r.reservationId, outcome, now: now() }),
    };
  };

  return {
    gate,
    /** Before any packet: were exactly these details rejected for this destination? */
    rejectedBefore: () => isRejectedCredential(db, [destKey]),
    /** Remembers a rejection; adds why and until when to a refusal's facts. */
    async settle(result: SipCheckResult, facts: AdviceFacts): Promise<AdviceFacts> {
      // Reached without credentials (e.g. no challenge came): still counted.
      await newHosts([result.target?.host ?? "", result.target?.address ?? ""]);
      if (result.verdict === "wrong_credentials")
        await recordRejectedCredential(db, [destKey, ...addrKeys], now());
      if (result.verdict !== "rate_limited") return facts;
      return refusalFacts(facts, refusal ?? "target_budget", now());
    },
  };
}

export function refusalFacts(facts: AdviceFacts, refusal: Refusal, now: Date): AdviceFacts {
  const wait = facts.retryAfterSeconds ?? 0;
  return {
    ...facts,
    refusal,
    ...(wait > 0 ? { retryAt: new Date(+now + wait * 1000).toISOString() } : {}),
    ...(refusal === "rejected_before" ? { retryAfterSeconds: undefined } : {}),
  };
}
