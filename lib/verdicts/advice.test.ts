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

  it("speaks to each reader, and names our addresses in every 'allow our addresses' advice", () => {
    const firewall = { signalling: ["198.51.100.7", "2001:db8::7"], rtpRange: "10000–20000" };
    const toCustomer = adviceFor("timeout", "en", { port: 5060, transport: "udp" }, { firewall });
    const toProvider = adviceFor(
      "timeout",
      "en",
      { port: 5060, transport: "udp" },
      { audience: "provider", firewall },
    );
    expect(toCustomer.action).toMatch(/^Ask your telecom provider to open port 5060 \(UDP\)/);
    expect(toProvider.action).toMatch(/^Open port 5060 \(UDP\) for SIP/);
    for (const a of [toCustomer, toProvider]) expect(a.action).toContain("198.51.100.7, 2001:db8::7");
    expect(toCustomer.whoText).toBe("Your telecom provider or PBX administrator");
    expect(toProvider.whoText).toBe("You, the telecom provider or PBX administrator");
    expect(adviceFor("timeout", "en", {}, { audience: "support" }).whoText).toBe(
      "The customer's telecom provider",
    );
    // Not configured: honest, no empty list.
    expect(adviceFor("forbidden", "en").action).toContain("until then Phone Connection support gives them");
    // A rejected login names the account, not the realm.
    const wrong = adviceFor(
      "wrong_credentials",
      "en",
      { domain: "pbx.example.com", realm: "asterisk" },
      { username: "1050" },
    );
    expect(wrong.explanation).toContain("user 1050 at pbx.example.com");
    expect(wrong.explanation).not.toContain("asterisk");
    // No "?" placeholders when a fact is missing.
    expect(adviceFor("realm_mismatch", "en").explanation).not.toContain('"?"');
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
