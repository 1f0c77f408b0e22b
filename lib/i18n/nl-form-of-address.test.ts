import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adviceFor } from "@/lib/verdicts/advice";
import { VERDICTS, WARNINGS } from "@/lib/verdicts/codes";
import type { Audience, TextFacts } from "@/lib/verdicts/types";

/**
 * Dutch speaks to the reader informally (je/jij/jouw), everywhere: a formal u/uw/uzelf next to
 * "Wie moet iets doen: Jij" reads as two products. This fails on any formal form.
 */
const FORMAL = /(?<![\p{L}\p{N}-])(u|uw|uwe|uzelf)(?![\p{L}\p{N}-])/giu;
/** The same without the global flag: RegExp#test with /g keeps state between calls. */
const IS_FORMAL = new RegExp(FORMAL.source, "iu");

function strings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === "string") out.push([path, value]);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
}

const dir = join(process.cwd(), "messages", "nl");

describe("Dutch form of address", () => {
  it("the detector finds formal forms and leaves other words alone", () => {
    expect("Controleer uw wachtwoord".match(FORMAL)).toEqual(["uw"]);
    expect("Wilt u dit doen? U kunt".match(FORMAL)).toEqual(["u", "U"]);
    expect("Je kunt UDP of TCP kiezen; zie uitleg, u-bocht".match(FORMAL)).toBeNull();
  });

  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    it(`messages/nl/${file} uses je, never u/uw`, () => {
      const all: Array<[string, string]> = [];
      strings(JSON.parse(readFileSync(join(dir, file), "utf8")), "", all);
      expect(all.length).toBeGreaterThan(0);
      const formal = all.filter(([, s]) => IS_FORMAL.test(s)).map(([k, s]) => `${k}: ${s}`);
      expect(formal).toEqual([]);
    });
  }

  it("the Dutch advice texts use je, for every reader, with and without facts", () => {
    const facts: TextFacts[] = [
      {},
      {
        domain: "pbx.example.com",
        username: "1050",
        realm: "pbx",
        port: 5060,
        transport: "udp",
        statusCode: 503,
        reason: "Service Unavailable",
        retryAfterSeconds: 30,
        certProblem: "expired",
        certExpiry: "2024-01-01T00:00:00Z",
        bindings: 2,
        redirectTarget: "sip2.example.com",
        firewall: { signalling: ["203.0.113.5"], rtpRange: "20000–20999" },
      },
    ];
    const audiences: Audience[] = ["customer", "provider", "support"];
    const formal: string[] = [];
    for (const code of [...VERDICTS, ...WARNINGS])
      for (const f of facts)
        for (const audience of audiences) {
          const a = adviceFor(code, "nl", f, { audience });
          for (const s of [a.title, a.explanation, a.action, a.whoText])
            if (IS_FORMAL.test(s)) formal.push(`${code}/${audience}: ${s}`);
        }
    expect(formal).toEqual([]);
  });
});
