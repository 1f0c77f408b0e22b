import { describe, expect, it } from "vitest";
import type { StepResult } from "@/lib/sip";
import { STEP_NAMES } from "@/lib/verdicts/codes";
import { ladderPrinter, printable, withoutPassword } from "./sip-check-print";

const step = (name: StepResult["name"], status: StepResult["status"] = "pass"): StepResult => ({
  name,
  status,
  durationMs: 1,
  detail: { code: "skipped", params: { why: "not_reached" } },
});

function names(out: string[]): string[] {
  return out.join("").match(/(?<=^ {2}[✓✗!–] )\w+/gm) ?? [];
}

describe("ladderPrinter", () => {
  it("prints each step once, and at the end the ones that were not reported live", () => {
    const out: string[] = [];
    const p = ladderPrinter((t) => out.push(t), "en", false);
    p.onStep(step("resolve"));
    p.onStep(step("resolve"));
    expect(names(out)).toEqual(["resolve"]);
    p.finish(STEP_NAMES.map((n) => step(n)));
    expect(names(out)).toEqual([...STEP_NAMES]);
  });

  it("on a terminal shows the step under way, then replaces it with the result", () => {
    const out: string[] = [];
    const p = ladderPrinter((t) => out.push(t), "en", true);
    p.onStepStart("register_auth", 8000);
    expect(out.join("")).toBe("  … register_auth      (up to 8 s)");
    p.onStep(step("register_auth", "fail"));
    expect(out.slice(1).join("")).toBe("\r\u001b[K  ✗ register_auth          1 ms  not reached\n");
  });

  it("prints no progress when the output is not a terminal", () => {
    const out: string[] = [];
    ladderPrinter((t) => out.push(t), "en", false).onStepStart("options", 8000);
    expect(out).toEqual([]);
  });
});

describe("printable", () => {
  it("shows terminal controls from a PBX as \\xHH and keeps tabs and newlines", () => {
    expect(printable("403 Nope\u001b[2J\u001b]0;owned\u0007\r\nnext\tline\u009b")).toBe(
      "403 Nope\\x1b[2J\\x1b]0;owned\\x07\nnext\tline\\x9b",
    );
  });
});

describe("withoutPassword", () => {
  it("replaces the password in every string, nested too, and keeps other values", () => {
    const echoed = {
      reason: "Forbidden (tried hunter22)",
      trace: [{ at: 3, text: "SIP/2.0 403 hunter22\r\n" }],
      ok: false,
      none: null,
    };
    expect(withoutPassword(echoed, "hunter22")).toEqual({
      reason: "Forbidden (tried [password])",
      trace: [{ at: 3, text: "SIP/2.0 403 [password]\r\n" }],
      ok: false,
      none: null,
    });
  });

  it("leaves text alone for a password too short to tell from ordinary text", () => {
    expect(withoutPassword({ reason: "200 OK" }, "OK")).toEqual({ reason: "200 OK" });
  });
});
