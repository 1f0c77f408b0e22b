import { describe, expect, it } from "vitest";
import type { StepResult } from "@/lib/sip";
import { STEP_NAMES } from "@/lib/verdicts/codes";
import { ladderPrinter, printable } from "./sip-check-print";

const step = (name: StepResult["name"], status: StepResult["status"] = "pass"): StepResult => ({
  name,
  status,
  durationMs: 1,
  detail: `${name} detail`,
});

function names(out: string[]): string[] {
  return out.join("").match(/(?<=^ {2}[✓✗!–] )\w+/gm) ?? [];
}

describe("ladderPrinter", () => {
  it("holds a step that finishes early until the rungs before it are out", () => {
    const out: string[] = [];
    const p = ladderPrinter((t) => out.push(t));
    p.onStep(step("resolve"));
    p.onStep(step("options"));
    p.onStep(step("register_challenge"));
    expect(names(out)).toEqual(["resolve"]);
    p.onStep(step("ports", "warn"));
    expect(names(out)).toEqual(["resolve", "ports", "options", "register_challenge"]);
    for (const n of ["register_auth", "register_binding", "unregister"] as const) p.onStep(step(n, "skip"));
    p.finish(STEP_NAMES.map((n) => step(n)));
    expect(names(out)).toEqual([...STEP_NAMES]);
  });

  it("prints each step once, and at the end the ones that never arrived live", () => {
    const out: string[] = [];
    const p = ladderPrinter((t) => out.push(t));
    p.onStep(step("ports"));
    p.onStep(step("ports"));
    expect(out).toEqual([]);
    p.finish([step("resolve", "fail"), step("ports")]);
    expect(names(out)).toEqual(["resolve", "ports"]);
  });
});

describe("printable", () => {
  it("shows terminal controls from a PBX as \\xHH and keeps tabs and newlines", () => {
    expect(printable("403 Nope\u001b[2J\u001b]0;owned\u0007\r\nnext\tline\u009b")).toBe(
      "403 Nope\\x1b[2J\\x1b]0;owned\\x07\nnext\tline\\x9b",
    );
  });
});
