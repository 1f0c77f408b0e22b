import "server-only";
import type { Db } from "@/db/client";
import type { SipAccountForTest } from "@/db/queries/connection-secret";
import { safeFacts } from "@/lib/connections/facts";
import { env } from "@/lib/env";
import { type AddressPolicy, type DnsResolver, policyFromEnv } from "@/lib/net";
import { runSipCheck, type SipCheckResult, type StepResult } from "@/lib/sip";
import type { AdviceFacts } from "@/lib/verdicts/advice";
import type { StepName } from "@/lib/verdicts/codes";
import { pbxGuard } from "./pbx-guard";

export type StoredCheckOptions = {
  signal?: AbortSignal;
  /** Injectable for tests; the app uses the defaults. */
  policy?: AddressPolicy;
  resolver?: DnsResolver;
  /** Per-step budget; SIP_CHECK_TIMEOUT_MS, else the engine's default, when absent. */
  timeoutMs?: number;
  tlsCa?: string[];
  onStep?: (step: StepResult) => void;
  /** A step begins, with its time limit (for the progress display). */
  onStepStart?: (name: StepName, limitMs: number) => void;
  /** The organization whose new-host cap every touched destination counts against. */
  orgId?: string;
};

/**
 * One engine run of a stored account, shared by the wizard's test and the monitor's check: the
 * per-target credential budget (PBX safety, across all customers and instances: a PBX's fail2ban
 * must never ban us, docs/sip-failure-modes.md "Lockout safety"), the address policy, and always a
 * query REGISTER (no Contact, RFC 3261 §10.2.3: proves the credentials without touching
 * bindings). Facts come back scrubbed of the password. Throws what `runSipCheck` throws.
 */
export async function checkStoredAccount(
  db: Db,
  account: SipAccountForTest,
  o: StoredCheckOptions,
): Promise<{ result: SipCheckResult; facts: AdviceFacts }> {
  // Rejected details never go out again, and a failure budget per target address (docs/pbx-safety.md).
  const guard = pbxGuard(db, account, { orgId: o.orgId });
  const result = await runSipCheck(
    {
      username: account.sipUsername,
      password: account.password.reveal(),
      domain: account.sipDomain,
      authUsername: account.authUsername ?? undefined,
      port: account.port ?? undefined,
      transport: account.transport,
      outboundProxy: account.outboundProxy ?? undefined,
      mode: "query",
    },
    {
      policy: o.policy ?? policyFromEnv(),
      resolver: o.resolver,
      timeoutMs: o.timeoutMs ?? env().SIP_CHECK_TIMEOUT_MS,
      tlsCa: o.tlsCa,
      signal: o.signal,
      authGate: guard.gate,
      onStep: o.onStep,
      onStepStart: o.onStepStart,
    },
  );
  // Callers get the same filtered facts as the database, so a PBX echoing the password in a
  // realm or reason phrase cannot send it back, and a reloaded result reads as the live one.
  return { result, facts: safeFacts(await guard.settle(result, result.facts), account.password.reveal()) };
}
