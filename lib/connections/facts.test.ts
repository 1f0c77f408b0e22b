import { describe, expect, it } from "vitest";
import type { AdviceFacts } from "@/lib/verdicts/advice";
import { parseFacts, storableFacts } from "./facts";

const PASSWORD = "Tr0ub4dor&3-secret";

describe("storableFacts", () => {
  it("keeps the engine's facts that the advice texts use", () => {
    const facts: AdviceFacts = {
      domain: "pbx.example.com",
      realm: "asterisk",
      retryAfterSeconds: 240,
      port: 5061,
      transport: "tls",
      certExpiry: "2031-01-01T00:00:00.000Z",
      certSubject: "pbx.example.com",
      certProblem: "self_signed",
      minExpires: 300,
      server: "FPBX-16.0.33(18.20.0)",
      statusCode: 423,
      reason: "Interval Too Brief",
      algorithm: "SHA-256",
      redirectTarget: "10.0.0.5:5060",
      bindings: 2,
      expiresSeconds: 3600,
      pbxFamily: "freepbx",
      credentialsAccepted: true,
      evictedContact: "sip:1001@192.0.2.55:5060",
      evictedExpires: 240,
    };
    expect(storableFacts(facts, PASSWORD)).toEqual(facts);
  });

  it("drops unknown keys, wrong types, overlong strings and anything echoing the password", () => {
    const hostile = {
      realm: `x${PASSWORD}y`,
      reason: `Forbidden (${PASSWORD})`,
      server: "s".repeat(301),
      port: "5060",
      statusCode: Number.NaN,
      certProblem: "bogus",
      response: "6629fae49393a05397450978507c4ef1",
      nonce: "abc",
      domain: "pbx.example.com",
    } as unknown as AdviceFacts;
    const stored = storableFacts(hostile, PASSWORD);
    expect(stored).toEqual({ domain: "pbx.example.com" });
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
  });
});

describe("parseFacts", () => {
  it("reads stored facts back and ignores junk", () => {
    expect(parseFacts({ realm: "r", minExpires: 60, certProblem: "expired", extra: 1 })).toEqual({
      realm: "r",
      minExpires: 60,
      certProblem: "expired",
    });
    for (const junk of [null, undefined, "text", 3, ["realm"]]) expect(parseFacts(junk)).toEqual({});
  });
});
