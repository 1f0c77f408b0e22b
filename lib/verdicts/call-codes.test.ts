import { describe, expect, it } from "vitest";
import { CALL_OUTCOMES, callAdviceFor } from "./call-codes";

describe("test call advice", () => {
  it("has a title, explanation, action and who for every outcome in both languages", () => {
    for (const locale of ["en", "nl"] as const) {
      for (const code of CALL_OUTCOMES) {
        for (const facts of [
          {},
          { account: "1050", offered: ["G729/8000"], statusCode: 403, reason: "Forbidden", target: "2001" },
        ]) {
          const a = callAdviceFor(code, locale, facts);
          expect(a.title.length).toBeGreaterThan(3);
          expect(a.explanation.length).toBeGreaterThan(10);
          expect(a.action.length).toBeGreaterThan(5);
          expect(`${a.explanation} ${a.action}`).not.toMatch(/undefined|\$\{|\bu\b|\buw\b/);
        }
      }
    }
  });

  it("names who must act, and the facts that make it concrete", () => {
    expect(callAdviceFor("call_not_received", "en", { account: "1050", waitSeconds: 120 })).toMatchObject({
      who: "provider",
      explanation: expect.stringContaining("account 1050"),
    });
    expect(
      callAdviceFor("codec_mismatch", "nl", { offered: ["G729/8000"], ours: ["PCMU", "PCMA"] }).explanation,
    ).toContain("G729/8000");
    expect(
      callAdviceFor("transfer_refused", "en", { target: "2001", statusCode: 403, reason: "Forbidden" })
        .explanation,
    ).toContain("(403 Forbidden)");
    expect(callAdviceFor("call_ok", "nl").who).toBe("none");
  });
});
