import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  CONNECTION_STATUSES,
  type ConnectionStatus,
  STATUS_EVENTS,
  type StatusEvent,
  statusMoves,
  transition,
} from "./status";

/**
 * Every (status, event) pair: the expected status, or null for a refused transition. Written
 * out in full, so a change to the table in status.ts must be made here too, deliberately.
 */
const EXPECTED: Record<StatusEvent, Record<ConnectionStatus, ConnectionStatus | null>> = {
  edit: {
    draft: "draft",
    testing: "testing",
    verified: "draft",
    active: "draft",
    failed: "draft",
    disabled: "disabled",
  },
  test_start: {
    draft: "testing",
    testing: "testing",
    verified: "testing",
    active: "active",
    failed: "testing",
    disabled: "disabled",
  },
  test_passed: {
    draft: "verified",
    testing: "verified",
    verified: "verified",
    active: "active",
    failed: "verified",
    disabled: "disabled",
  },
  test_failed: {
    draft: "failed",
    testing: "failed",
    verified: "failed",
    active: "active",
    failed: "failed",
    disabled: "disabled",
  },
  test_refused: {
    draft: "failed",
    testing: "failed",
    verified: "verified",
    active: "active",
    failed: "failed",
    disabled: "disabled",
  },
  test_stale: {
    draft: null,
    testing: "draft",
    verified: null,
    active: null,
    failed: null,
    disabled: null,
  },
  activate: {
    draft: null,
    testing: null,
    verified: "active",
    active: "active",
    failed: null,
    disabled: null,
  },
  deactivate: {
    draft: null,
    testing: null,
    verified: null,
    active: "verified",
    failed: null,
    disabled: null,
  },
  support_disable: {
    draft: "disabled",
    testing: "disabled",
    verified: "disabled",
    active: "disabled",
    failed: "disabled",
    disabled: null,
  },
};

const cases = STATUS_EVENTS.flatMap((event) =>
  CONNECTION_STATUSES.map((from) => ({ event, from, to: EXPECTED[event][from] })),
);

describe("connection status transitions", () => {
  it.each(cases.filter((c) => c.to !== null))("$from --$event--> $to", ({ event, from, to }) => {
    expect(transition(from, event)).toEqual({ ok: true, to });
  });

  it.each(cases.filter((c) => c.to === null))("$from --$event--> refused", ({ event, from }) => {
    const r = transition(from, event);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(AppError);
    expect(r.error.code).toBe("invalid_transition");
    expect(r.error.status).toBe(409);
    expect(r.error.message).toBe(`status ${from} does not allow ${event}`);
  });

  it("gives the SQL guard exactly the allowed moves", () => {
    for (const event of STATUS_EVENTS) {
      const expected = CONNECTION_STATUSES.flatMap((from) => {
        const to = EXPECTED[event][from];
        return to === null ? [] : [[from, to]];
      });
      expect(statusMoves(event), event).toEqual(expected);
    }
  });
});
