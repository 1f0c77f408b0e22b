// Relative import: drizzle-kit loads db/schema.ts (which reads CONNECTION_STATUSES) without the
// "@/" path alias.
import { AppError } from "../errors";

/**
 * The connection status, and the one table of how it may change. Every write of
 * `connections.status` goes through `transition()` (pure) or `statusMoves()` (the same table,
 * for a guarded SQL update in db/queries), so no code path can invent a move.
 *
 * ```
 *           test_start           test_passed            activate
 *   draft -------------> testing -----------> verified ----------> active
 *    ^  ^                 |   |                  ^     <----------   |
 *    |  +-- test_stale ---+   | test_failed,     |      deactivate   |
 *    |                        | test_refused     |                   |
 *    |                        v                  |                   |
 *    |                     failed -- test_start -+ (through testing) |
 *    |                                                               |
 *    +---- edit (credentials changed) from verified, failed, active -+
 *
 *   support_disable: every status but disabled --> disabled
 * ```
 *
 * - A test of a live connection (active, disabled) records its result but leaves the status:
 *   a re-test must not switch a working line off, and only support's deliberate change ends
 *   `disabled`.
 * - A refused test (a rate limit) or a test that could not run reads as "Test failed", like a
 *   failed one: the stored verdict says why (docs/sip-failure-modes.md).
 * - `test_stale`: the credentials changed while the test ran, so its result says nothing about
 *   the current settings; the connection goes back to draft instead of staying "testing".
 */

export const CONNECTION_STATUSES = ["draft", "testing", "verified", "active", "failed", "disabled"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const STATUS_EVENTS = [
  "edit",
  "test_start",
  "test_passed",
  "test_failed",
  "test_refused",
  "test_stale",
  "activate",
  "deactivate",
  "support_disable",
] as const;
export type StatusEvent = (typeof STATUS_EVENTS)[number];

type Moves = Partial<Record<ConnectionStatus, ConnectionStatus>>;

/** A test's outcome for each status it may find (concurrent tests can finish in any order). */
const testOutcome = (to: ConnectionStatus): Moves => ({
  draft: to,
  testing: to,
  verified: to,
  failed: to,
  active: "active",
  disabled: "disabled",
});

/** from → to per event; a status missing from an event's row is a refused transition. */
const TABLE: Record<StatusEvent, Moves> = {
  edit: {
    draft: "draft",
    testing: "testing",
    verified: "draft",
    failed: "draft",
    active: "draft",
    disabled: "disabled",
  },
  test_start: {
    draft: "testing",
    testing: "testing",
    verified: "testing",
    failed: "testing",
    active: "active",
    disabled: "disabled",
  },
  test_passed: testOutcome("verified"),
  test_failed: testOutcome("failed"),
  // Refused by a rate limit: nothing was tested, so a verified connection stays verified.
  test_refused: { ...testOutcome("failed"), verified: "verified" },
  test_stale: { testing: "draft" },
  activate: { verified: "active", active: "active" },
  deactivate: { active: "verified" },
  support_disable: {
    draft: "disabled",
    testing: "disabled",
    verified: "disabled",
    failed: "disabled",
    active: "disabled",
  },
};

export type Transition = { ok: true; to: ConnectionStatus } | { ok: false; error: AppError };

/** The status after `event`, or an `invalid_transition` error value. */
export function transition(from: ConnectionStatus, event: StatusEvent): Transition {
  const to = TABLE[event][from];
  if (to !== undefined) return { ok: true, to };
  return { ok: false, error: invalidTransition(from, event) };
}

function invalidTransition(from: ConnectionStatus, event: StatusEvent): AppError {
  return new AppError("invalid_transition", `status ${from} does not allow ${event}`);
}

/** The event's allowed moves as [from, to] pairs: for a guarded `case status when …` update. */
export function statusMoves(event: StatusEvent): Array<[ConnectionStatus, ConnectionStatus]> {
  return CONNECTION_STATUSES.flatMap((from) => {
    const to = TABLE[event][from];
    return to === undefined ? [] : [[from, to] as [ConnectionStatus, ConnectionStatus]];
  });
}

export function isConnectionStatus(v: unknown): v is ConnectionStatus {
  return typeof v === "string" && (CONNECTION_STATUSES as readonly string[]).includes(v);
}
