import { describe, expect, it } from "vitest";
import { adviceFor, allAdvice } from "./advice";
import { VERDICTS, WARNINGS } from "./codes";

describe("advice", () => {
  it("has a title, explanation and action for every code in both languages", () => {
    for (const locale of ["en", "nl"] as const) {
      const { verdicts, warnings } = allAdvice(locale);
      expect(verdicts.map((a) => a.code)).toEqual([...VERDICTS]);
      expect(warnings.map((a) => a.code)).toEqual([...WARNINGS]);
      for (const a of [...verdicts, ...warnings]) {
        expect(a.title.length).toBeGreaterThan(3);
        expect(a.explanation.length).toBeGreaterThan(10);
        expect(a.action.length).toBeGreaterThan(5);
        expect(a.explanation).not.toMatch(/undefined|\$\{/);
      }
    }
  });

  it("interpolates facts", () => {
    const a = adviceFor("server_error", "en", {
      domain: "pbx.example.com",
      statusCode: 503,
      reason: "Service Unavailable",
      retryAfterSeconds: 120,
    });
    expect(a.explanation).toContain("pbx.example.com");
    expect(a.explanation).toContain("503 Service Unavailable");
    expect(a.explanation).toContain("120 seconds");
    expect(a.who).toBe("provider");
    const nl = adviceFor("tls_failed", "nl", {
      certProblem: "expired",
      certExpiry: "2024-02-01T00:00:00Z",
      certSubject: "pbx.example.com",
    });
    expect(nl.explanation).toContain("verlopen op 2024-02-01");
    expect(adviceFor("wrong_credentials", "nl").who).toBe("customer");
  });
});
