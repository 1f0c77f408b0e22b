import { describe, expect, it } from "vitest";
import { parseStoredSteps, type StoredTest, storedFacts, toTestSummary } from "./test-summary";

const base: StoredTest = {
  id: "t1",
  startedAt: new Date("2025-01-01T00:00:00Z"),
  finishedAt: new Date("2025-01-01T00:00:02Z"),
  verdict: "wrong_credentials",
  ok: false,
  warnings: ["transport_fallback", "not-a-warning"],
  steps: [],
  sip: { statusCode: 403, reason: "Forbidden", server: "Asterisk PBX 20" },
  target: { host: "pbx.example.com", address: "203.0.113.5", port: 5060, transport: "udp" },
  facts: null,
  pbxProduct: "Asterisk PBX 20",
  credentialRevision: 2,
};
const connection = { sipDomain: "pbx.example.com", credentialRevision: 2 };

describe("stored steps", () => {
  it("keeps the steps that fit the schema and drops the rest", () => {
    const steps = parseStoredSteps(
      [
        { name: "resolve", status: "pass", durationMs: 12, detail: "an older row's sentence" },
        { name: "register_auth", status: "fail", durationMs: -1, detail: null },
        { name: "no_such_step", status: "pass", durationMs: 1, detail: "" },
        { name: "resolve", status: "maybe", durationMs: 1, detail: "" },
        "garbage",
        null,
      ],
      "en",
    );
    expect(steps).toEqual([
      { name: "resolve", status: "pass", durationMs: 12, detail: "an older row's sentence" },
      { name: "register_auth", status: "fail", durationMs: 0, detail: "" },
    ]);
    expect(parseStoredSteps({ not: "an array" }, "en")).toEqual([]);
  });

  it("the ports step carries each port's state, for the ladder", () => {
    const ports = [
      { port: 5060, transport: "tcp", state: "open" },
      { port: 5061, transport: "tcp", state: "closed" },
    ];
    const [step] = parseStoredSteps(
      [
        {
          name: "ports",
          status: "warn",
          durationMs: 3,
          detail: { code: "ports", params: { address: "203.0.113.5", ports } },
        },
      ],
      "en",
    );
    expect(step?.ports).toEqual(ports);
    expect(step?.detail.length).toBeGreaterThan(0);
  });
});

describe("toTestSummary", () => {
  it("maps a finished row, with facts from the row where the facts column is empty", () => {
    const s = toTestSummary(base, connection, "en");
    expect(s).toMatchObject({
      testId: "t1",
      ok: false,
      verdict: "wrong_credentials",
      warnings: ["transport_fallback"],
      durationMs: 2000,
      current: true,
      sip: { statusCode: 403, reason: "Forbidden", server: "Asterisk PBX 20" },
      target: { port: 5060, transport: "udp" },
    });
    expect(s?.facts).toMatchObject({ domain: "pbx.example.com", statusCode: 403, port: 5060 });
    expect(s?.advice.verdict.title.length).toBeGreaterThan(0);
    expect(s?.advice.warnings).toHaveLength(1);
  });

  it("stored facts win over what the row derives; a stale revision is not current", () => {
    const s = toTestSummary(
      { ...base, facts: { realm: "asterisk", port: 5061 } },
      { ...connection, credentialRevision: 3 },
      "nl",
    );
    expect(s?.facts).toMatchObject({ realm: "asterisk", port: 5061 });
    expect(s?.current).toBe(false);
  });

  it("reads damaged columns as nothing, and a running or unknown test as no summary", () => {
    const s = toTestSummary(
      { ...base, sip: { statusCode: "x" }, target: { host: "" }, warnings: 5 },
      connection,
      "en",
    );
    expect(s).toMatchObject({ sip: null, target: null, warnings: [] });
    expect(toTestSummary({ ...base, finishedAt: null }, connection, "en")).toBeNull();
    expect(toTestSummary({ ...base, verdict: "no_such_verdict" }, connection, "en")).toBeNull();
  });

  it("words the advice for its reader: the customer also gets the provider's version", () => {
    const firewall = { signalling: ["198.51.100.7"], rtpRange: "20000–20999" };
    const named = { ...connection, sipUsername: "1050" };
    const customer = toTestSummary(base, named, "en", { firewall });
    const provider = toTestSummary(base, named, "en", { audience: "provider", firewall });
    expect(customer?.advice.forProvider?.verdict.whoText).toBe(provider?.advice.verdict.whoText);
    expect(customer?.advice.verdict.whoText).not.toBe(provider?.advice.verdict.whoText);
    expect(provider?.advice.forProvider).toBeUndefined();
    expect(customer?.advice.firewall).toEqual(firewall);
    expect(toTestSummary(base, connection, "en")?.advice.firewall).toBeUndefined();
  });

  it("maps a refused test that has no row", () => {
    const now = new Date();
    const s = toTestSummary(
      {
        ...base,
        id: null,
        startedAt: now,
        finishedAt: now,
        verdict: "rate_limited",
        facts: { retryAfterSeconds: 90 },
      },
      connection,
      "en",
    );
    expect(s).toMatchObject({ testId: null, verdict: "rate_limited", durationMs: 0 });
    expect(
      storedFacts({ sip: null, target: null, facts: { retryAfterSeconds: 90 } }, "x.example")
        .retryAfterSeconds,
    ).toBe(90);
  });
});
