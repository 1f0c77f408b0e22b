/**
 * Registration health with hysteresis: a pure function from (current counters, one check's
 * outcome) to the next counters. No I/O, no clock: the worker applies the result in one
 * transaction (server/monitor/check.ts). Browser-safe.
 *
 * Outcomes (from the SIP test's verdict, `outcomeOf`):
 *   ok        the query REGISTER was accepted (200)
 *   failure   anything else that tested something (5xx, 404, DNS, TLS, a timeout…)
 *   rejected  the PBX refused the credentials (401 again after auth, or 403)
 *   skipped   nothing was tested (our own PBX-safety limiter refused): counters stay as they are
 *
 * Transitions (F = consecutive failures after this check, S = consecutive successes):
 *
 *   from \ outcome │ ok                      │ failure                 │ rejected
 *   ───────────────┼─────────────────────────┼─────────────────────────┼──────────────
 *   unknown        │ healthy                 │ degraded                │ down + stop
 *   healthy        │ healthy                 │ degraded                │ down + stop
 *   degraded       │ S ≥ 2 ? healthy : —     │ F ≥ 3 ? down : —        │ down + stop
 *   down           │ S ≥ 2 ? healthy : —     │ —                       │ down + stop
 *
 *   "—" keeps the state. "stop": no further check of this credential revision (a PBX bans
 *   whoever keeps sending a rejected password); a settings change starts checks again.
 *
 * "Probably banned": a failure with no answer at all (timeout, unreachable) while the current
 * streak already holds failures the PBX did answer, i.e. it talked to us, then went silent —
 * what fail2ban's drop rule looks like from outside. Cleared by the next success.
 */
import type { Verdict } from "@/lib/verdicts/codes";

export type HealthState = "unknown" | "healthy" | "degraded" | "down";
export type CheckOutcome = "ok" | "failure" | "rejected" | "skipped";

export type HealthCounters = {
  state: HealthState;
  /** Consecutive failures (rejections included). */
  failures: number;
  /** Consecutive successes. */
  successes: number;
  /** Failures in the current streak that the PBX answered. */
  answeredFailures: number;
  probablyBanned: boolean;
};

export type Transition = {
  next: HealthCounters;
  changed: boolean;
  /** Stop checking this credential revision (a credential rejection). */
  stop: boolean;
  /** Why, for the state history and alerts; null when nothing changed. */
  reason: TransitionReason | null;
};

export type TransitionReason =
  | "first_check"
  | "check_failed"
  | "repeated_failures"
  | "credentials_rejected"
  | "probably_banned"
  | "recovered";

export const DEGRADED_AFTER = 1;
export const DOWN_AFTER = 3;
export const HEALTHY_AFTER = 2;

export const INITIAL: HealthCounters = {
  state: "unknown",
  failures: 0,
  successes: 0,
  answeredFailures: 0,
  probablyBanned: false,
};

const REJECTED: ReadonlySet<Verdict> = new Set(["wrong_credentials", "forbidden"]);
/** The PBX said nothing: no response to any request. */
const SILENT: ReadonlySet<Verdict> = new Set(["timeout", "unreachable"]);
/** Failures in which the PBX (or something at its address) answered a SIP request. */
const ANSWERED: ReadonlySet<Verdict> = new Set([
  "unknown_user",
  "not_registrar",
  "server_error",
  "unsupported_auth",
  "protocol_error",
  "wrong_credentials",
  "forbidden",
]);

export function outcomeOf(verdict: Verdict): CheckOutcome {
  if (verdict === "registered") return "ok";
  if (verdict === "rate_limited") return "skipped";
  if (REJECTED.has(verdict)) return "rejected";
  return "failure";
}

export function isSilent(verdict: Verdict): boolean {
  return SILENT.has(verdict);
}

function nextState(from: HealthState, outcome: CheckOutcome, failures: number, successes: number) {
  if (outcome === "rejected") return "down";
  if (outcome === "ok") {
    if (from === "unknown" || from === "healthy") return "healthy";
    return successes >= HEALTHY_AFTER ? "healthy" : from;
  }
  if (from === "down") return "down";
  if (failures >= DOWN_AFTER) return "down";
  return failures >= DEGRADED_AFTER ? "degraded" : from;
}

/** Applies one check. `verdict` decides the outcome and whether the PBX answered. */
export function transition(current: HealthCounters, verdict: Verdict): Transition {
  const outcome = outcomeOf(verdict);
  if (outcome === "skipped") return { next: current, changed: false, stop: false, reason: null };
  const ok = outcome === "ok";
  const failures = ok ? 0 : current.failures + 1;
  const successes = ok ? current.successes + 1 : 0;
  const answeredFailures = ok ? 0 : current.answeredFailures + (ANSWERED.has(verdict) ? 1 : 0);
  const probablyBanned = ok
    ? false
    : current.probablyBanned || (isSilent(verdict) && current.answeredFailures > 0);
  const state = nextState(current.state, outcome, failures, successes);
  const next: HealthCounters = { state, failures, successes, answeredFailures, probablyBanned };
  const changed = state !== current.state;
  const newlyBanned = probablyBanned && !current.probablyBanned;
  return {
    next,
    changed: changed || newlyBanned,
    stop: outcome === "rejected",
    reason: changed || newlyBanned ? reasonFor(current.state, next, outcome, newlyBanned) : null,
  };
}

function reasonFor(
  from: HealthState,
  next: HealthCounters,
  outcome: CheckOutcome,
  newlyBanned: boolean,
): TransitionReason {
  if (outcome === "rejected") return "credentials_rejected";
  if (newlyBanned) return "probably_banned";
  if (outcome === "ok") return from === "unknown" ? "first_check" : "recovered";
  return next.state === "down" ? "repeated_failures" : "check_failed";
}
