import { describe, expect, it } from "vitest";
import type { Verdict } from "@/lib/verdicts/codes";
import { type HealthCounters, type HealthState, INITIAL, outcomeOf, transition } from "./health";

/** Runs a sequence of verdicts from the initial counters; returns every step's result. */
function run(verdicts: Verdict[], from: HealthCounters = INITIAL) {
  let c = from;
  return verdicts.map((v) => {
    const t = transition(c, v);
    c = t.next;
    return t;
  });
}
const states = (verdicts: Verdict[], from?: HealthCounters) => run(verdicts, from).map((t) => t.next.state);

const at = (state: HealthState, over: Partial<HealthCounters> = {}): HealthCounters => ({
  ...INITIAL,
  state,
  ...over,
});

describe("health transitions (the table in health.ts)", () => {
  const table: Array<[HealthCounters, Verdict, HealthState, boolean]> = [
    // from, verdict, expected state, stop
    [at("unknown"), "registered", "healthy", false],
    [at("unknown"), "timeout", "degraded", false],
    [at("unknown"), "wrong_credentials", "down", true],
    [at("healthy", { successes: 5 }), "registered", "healthy", false],
    [at("healthy", { successes: 5 }), "server_error", "degraded", false],
    [at("healthy"), "forbidden", "down", true],
    [at("degraded", { failures: 1 }), "registered", "degraded", false],
    [at("degraded", { failures: 0, successes: 1 }), "registered", "healthy", false],
    [at("degraded", { failures: 1 }), "timeout", "degraded", false],
    [at("degraded", { failures: 2 }), "timeout", "down", false],
    [at("degraded", { failures: 1 }), "wrong_credentials", "down", true],
    [at("down", { failures: 3 }), "registered", "down", false],
    [at("down", { successes: 1 }), "registered", "healthy", false],
    [at("down", { failures: 3 }), "unreachable", "down", false],
    [at("down", { failures: 3 }), "forbidden", "down", true],
  ];
  it.each(table)("%o + %s → %s (stop %s)", (from, verdict, state, stop) => {
    const t = transition(from, verdict);
    expect(t.next.state).toBe(state);
    expect(t.stop).toBe(stop);
    expect(t.changed).toBe(state !== from.state);
  });

  it("degraded after 1 failure, down after 3, healthy again after 2 successes", () => {
    expect(states(["registered", "timeout", "timeout", "timeout", "registered", "registered"])).toEqual([
      "healthy",
      "degraded",
      "degraded",
      "down",
      "down",
      "healthy",
    ]);
  });

  it("one success between failures resets the failure count", () => {
    expect(states(["registered", "timeout", "timeout", "registered", "timeout", "timeout"])).toEqual([
      "healthy",
      "degraded",
      "degraded",
      "degraded",
      "degraded",
      "degraded",
    ]);
  });

  it("a credential rejection goes down at once and asks to stop", () => {
    const [first, second] = run(["registered", "wrong_credentials"]);
    expect(first?.next.state).toBe("healthy");
    expect(second).toMatchObject({ changed: true, stop: true, reason: "credentials_rejected" });
    expect(second?.next.state).toBe("down");
  });

  it("a refusal by our own limiter changes nothing", () => {
    const from = at("degraded", { failures: 2 });
    expect(transition(from, "rate_limited")).toEqual({
      next: from,
      changed: false,
      stop: false,
      reason: null,
    });
  });

  it("silence after answered failures reads as a ban, reported once, cleared by a success", () => {
    const steps = run(["registered", "server_error", "timeout", "timeout", "registered", "registered"]);
    expect(steps.map((s) => s.next.probablyBanned)).toEqual([false, false, true, true, false, false]);
    expect(steps[2]).toMatchObject({ changed: true, reason: "probably_banned" });
    expect(steps[3]).toMatchObject({ changed: true, reason: "repeated_failures" });
    expect(steps[5]).toMatchObject({ changed: true, reason: "recovered" });
  });

  it("silence without answered failures first is just unreachable", () => {
    const steps = run(["registered", "timeout", "timeout", "timeout"]);
    expect(steps.some((s) => s.next.probablyBanned)).toBe(false);
    expect(steps.map((s) => s.reason)).toEqual(["first_check", "check_failed", null, "repeated_failures"]);
  });

  it("silence after a rejection (settings fixed, PBX now drops us) reads as a ban", () => {
    const steps = run(["registered", "wrong_credentials", "timeout"]);
    expect(steps[2]?.next.probablyBanned).toBe(true);
    expect(steps[2]?.reason).toBe("probably_banned");
  });

  it("classifies every verdict", () => {
    expect(outcomeOf("registered")).toBe("ok");
    expect(outcomeOf("rate_limited")).toBe("skipped");
    expect(outcomeOf("forbidden")).toBe("rejected");
    expect(outcomeOf("dns_failed")).toBe("failure");
  });
});
