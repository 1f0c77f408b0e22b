import { afterEach, describe, expect, it } from "vitest";
import { AI, type CallPbx, startCallPbx } from "@/e2e/fixtures/call-pbx";
import { runOutboundCall } from "./outbound";
import { loopbackCall } from "./testing/options";

let pbx: CallPbx | null = null;
afterEach(async () => {
  await pbx?.stop();
  pbx = null;
});

describe("outbound test call through the PBX (Kamailio + SIPp)", () => {
  it("answers the 407 with the account's digest once, reaches the echo service and measures the round trip", async () => {
    pbx = await startCallPbx({ desk: false });
    const echo = await pbx.phone("600", { rtpEcho: true });
    const r = await runOutboundCall({
      ...loopbackCall(pbx.k.udpPort, AI),
      dial: "600",
      prompt: "tones",
      listenMs: 500,
    });
    const sipp = await echo.done;
    expect(sipp.code, sipp.output).toBe(0);
    expect(r.call).toMatchObject({
      direction: "outbound",
      outcome: "call_ok",
      answered: true,
      codec: "PCMU",
      ptimeMs: 20,
      to: "sip:600@127.0.0.1",
      transfer: null,
    });
    expect(r.call.rtp.received).toBeGreaterThan(20);
    expect(r.echoRttMs).not.toBeNull();
    const invites = r.trace.filter((t) => t.direction === "sent" && t.firstLine.startsWith("INVITE"));
    expect(invites).toHaveLength(2);
    expect(invites[0]?.text).not.toMatch(/Proxy-Authorization/);
    expect(invites[1]?.text).toMatch(/^Proxy-Authorization: Digest .*response="\[redacted\]"/m);
    expect(invites[1]?.text).not.toContain(AI.password);
    expect(r.trace.map((t) => t.firstLine.split(" ").slice(0, 2).join(" "))).toEqual(
      expect.arrayContaining([
        "SIP/2.0 407",
        "ACK sip:600@127.0.0.1",
        "SIP/2.0 200",
        `BYE sip:600@127.0.0.1:${echo.port}`,
      ]),
    );
    expect(r.ok).toBe(true);
  });

  it("a wrong password: the second 407 ends it (credentials sent once) → outbound_refused", async () => {
    pbx = await startCallPbx({ desk: false });
    const r = await runOutboundCall({
      ...loopbackCall(pbx.k.udpPort, { ...AI, password: "wrong-password" }),
      dial: "600",
    });
    expect(r.call).toMatchObject({ outcome: "outbound_refused", answered: false });
    expect(r.facts.statusCode).toBe(407);
    const invites = r.trace.filter((t) => t.direction === "sent" && t.firstLine.startsWith("INVITE"));
    expect(invites).toHaveLength(2);
  });

  it("a number the PBX does not know → outbound_refused with its 404", async () => {
    pbx = await startCallPbx({ desk: false });
    const r = await runOutboundCall({ ...loopbackCall(pbx.k.udpPort, AI), dial: "7777" });
    expect(r.call.outcome).toBe("outbound_refused");
    expect(r.facts).toMatchObject({ statusCode: 404, dialed: "7777" });
  });
});
