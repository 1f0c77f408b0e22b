import { describe, expect, it } from "vitest";
import { audioOutcome, CallRun } from "./setup";
import { loopbackCall } from "./testing/options";

describe("whether a test call can run", () => {
  it("refuses to run from a private address without SIP_PUBLIC_ADDRESSES, and says so", () => {
    const run = new CallRun({
      ...loopbackCall(5060, { username: "a", password: "b" }),
      policy: { allowCidrs: [] },
    });
    expect(run.ownAddress("10.1.2.3")).toEqual({
      ok: false,
      detail: expect.stringContaining("no public address is configured (SIP_PUBLIC_ADDRESSES)"),
    });
    const configured = new CallRun({
      ...loopbackCall(5060, { username: "a", password: "b" }),
      publicAddress: "198.51.100.20",
    });
    expect(configured.ownAddress("10.1.2.3")).toEqual({ ok: true, address: "198.51.100.20" });
  });
});

describe("the audio verdict of an answered call", () => {
  const base = {
    sent: 100,
    received: 100,
    lossPct: 0,
    jitterMs: 1,
    sdpAddress: "198.51.100.7:4000",
    sourceAddress: "198.51.100.7:4000",
    peerReceived: null,
    echoRttMs: null,
    sendJitterMs: 0,
    sendMaxLateMs: 0,
    refusedTarget: null,
  };
  it.each([
    ["both ways", base, "call_ok"],
    ["nothing in", { ...base, received: 0 }, "no_audio_in"],
    ["the peer's RTCP says none of ours arrived", { ...base, peerReceived: 0 }, "no_audio_out"],
    ["another source than the SDP", { ...base, sourceAddress: "203.0.113.9:4000" }, "nat_media"],
    [
      "an SDP address the policy refused",
      { ...base, refusedTarget: "10.0.0.5 is a private network" },
      "nat_media",
    ],
  ] as const)("%s", (_n, s, outcome) => {
    expect(audioOutcome(s, false)).toBe(outcome);
  });
  it("expects the echo when calling an echo service", () => {
    expect(audioOutcome(base, true)).toBe("no_audio_out");
  });
});
