import { afterEach, describe, expect, it } from "vitest";
import { AI, type CallPbx, HUNT_GROUP, startCallPbx } from "@/e2e/fixtures/call-pbx";
import { runInboundCall } from "./inbound";
import { loopbackCall } from "./testing/options";
import type { CallReport, CallStatusEvent, InboundOptions } from "./types";

let pbx: CallPbx | null = null;
afterEach(async () => {
  await pbx?.stop();
  pbx = null;
});

/** Starts the inbound call, and the SIPp caller once the AI Colleague is waiting. */
async function inbound(
  scenario: string,
  number: string,
  extra: Partial<InboundOptions> = {},
  rtpEcho = false,
) {
  pbx = await startCallPbx();
  const p = pbx;
  const statuses: CallStatusEvent[] = [];
  let caller = null as Promise<{ code: number | null; output: string }> | null;
  const report: CallReport = await runInboundCall({
    ...loopbackCall(p.k.udpPort, AI),
    waitS: 20,
    listenMs: 1000,
    ...extra,
    onStatus: (e) => {
      statuses.push(e);
      if (e.status === "waiting") caller = p.caller(scenario, number, { rtpEcho }).then((s) => s.done);
    },
  });
  const sipp = caller ? await caller : null;
  return { report, statuses, sipp };
}

const sent = (r: CallReport) =>
  r.trace.filter((t) => t.direction === "sent").map((t) => t.firstLine.split(" ")[0]);

describe("inbound test call through a hunt group (Kamailio + SIPp)", () => {
  it("answers, hears speech and RFC 2833 key 1, its own audio reaches the caller, then hangs up", async () => {
    const { report, statuses, sipp } = await inbound(
      "caller-audio.xml",
      HUNT_GROUP,
      { listenMs: 8000 },
      true,
    );
    expect(sipp?.code, sipp?.output).toBe(0);
    expect(report.call).toMatchObject({
      direction: "inbound",
      outcome: "call_ok",
      answered: true,
      codec: "PCMA",
      ptimeMs: 30,
      to: `sip:${HUNT_GROUP}@127.0.0.1`,
      dtmf: [{ digit: "1", via: "rfc4733" }],
      transfer: null,
    });
    expect(report.call.from).toContain("sip:caller@127.0.0.1");
    expect(report.call.rtp.received).toBeGreaterThan(150);
    expect(report.call.rtp.sent).toBeGreaterThan(200);
    expect(report.call.rtp.lossPct).toBe(0);
    expect(report.call.rtp.sourceAddress).toBe(report.call.rtp.sdpAddress);
    expect(report.echoRttMs).not.toBeNull(); // SIPp echoed our RTP: our audio reached the caller
    expect(report.call.setupMs).not.toBeNull();
    expect(report.route.requestUri).toMatch(/^sip:ai-colleague@127\.0\.0\.1:\d+$/);
    expect(statuses.map((s) => s.status)).toEqual(
      expect.arrayContaining(["registering", "waiting", "ringing", "answered", "hearing_you", "done"]),
    );
    // Bind (challenge, credentials), 100/180/200, BYE, un-bind (challenge, credentials).
    expect(sent(report)).toEqual([
      "REGISTER",
      "REGISTER",
      "SIP/2.0",
      "SIP/2.0",
      "SIP/2.0",
      "BYE",
      "REGISTER",
      "REGISTER",
    ]);
    expect(report.ok).toBe(true);
  });

  it("a number that does not route here: no INVITE in the wait → call_not_received", async () => {
    const { report, sipp } = await inbound("caller-unrouted.xml", "8999", { waitS: 3 });
    expect(sipp?.code, sipp?.output).toBe(0);
    expect(report.call).toMatchObject({ outcome: "call_not_received", answered: false });
    expect(report.ok).toBe(false);
  });

  it("a caller that sends no RTP → no_audio_in", async () => {
    const { report, sipp } = await inbound("caller-silent.xml", HUNT_GROUP, { prompt: "tones" });
    expect(sipp?.code, sipp?.output).toBe(0);
    expect(report.call).toMatchObject({ outcome: "no_audio_in", answered: true, rtp: { received: 0 } });
    expect(report.call.rtp.sent).toBeGreaterThan(0);
  });

  it("an offer with only G.729 → 488 and codec_mismatch naming what was offered", async () => {
    // Dialled directly: in a hunt group the PBX would wait for the ringing desk phone's answer too.
    const { report, sipp } = await inbound("caller-g729.xml", AI.username);
    expect(sipp?.code, sipp?.output).toBe(0);
    expect(report.call).toMatchObject({ outcome: "codec_mismatch", answered: false });
    expect(report.offered).toEqual(["G729/8000"]);
    expect(report.trace.some((t) => t.direction === "sent" && t.firstLine.startsWith("SIP/2.0 488"))).toBe(
      true,
    );
  });

  it("a private address in the SDP while RTP comes from elsewhere → nat_media, audio answered to the source", async () => {
    const { report, sipp } = await inbound(
      "caller-private.xml",
      HUNT_GROUP,
      { prompt: "tones", listenMs: 8000 },
      true,
    );
    expect(sipp?.code, sipp?.output).toBe(0);
    expect(report.call.outcome).toBe("nat_media");
    expect(report.call.rtp.sdpAddress).toMatch(/^10\.20\.30\.40:/);
    expect(report.call.rtp.sourceAddress).toMatch(/^127\.0\.0\.1:/);
    expect(report.call.rtp.sent).toBeGreaterThan(0);
    expect(report.ok).toBe(true);
  });

  it("answers the PBX's qualify OPTIONS while bound, and un-binds only its own Contact", async () => {
    pbx = await startCallPbx({ desk: false, qualify: true });
    const r = await runInboundCall({ ...loopbackCall(pbx.k.udpPort, AI), waitS: 2 });
    expect(r.call.outcome).toBe("call_not_received");
    const lines = r.trace.map((t) => `${t.direction} ${t.firstLine.split(" ").slice(0, 2).join(" ")}`);
    expect(lines.some((l) => l.startsWith("received OPTIONS sip:ai-colleague@127.0.0.1:"))).toBe(true);
    expect(lines).toContain("sent SIP/2.0 200");
    expect(pbx.k.logs()).toContain("FIXTURE qualify reply 200");
    const unbind = r.trace.filter((t) => t.direction === "sent" && /^Expires: 0$/m.test(t.text));
    expect(unbind.length).toBeGreaterThan(0);
    expect(unbind.every((t) => !/^Contact: \*$/m.test(t.text))).toBe(true);
  });

  it("never binds when the registration test saw another device on the account", async () => {
    pbx = await startCallPbx({ desk: false });
    const r = await runInboundCall({ ...loopbackCall(pbx.k.udpPort, AI), waitS: 1, bindingsBefore: 1 });
    expect(r.call.outcome).toBe("call_not_run");
    expect(r.trace).toHaveLength(0);
  });
});

describe("transfer during the inbound call (REFER, RFC 3515)", () => {
  it("REFER accepted, the target answers, NOTIFY sipfrag 200 → transfer_ok", async () => {
    pbx = await startCallPbx();
    const target = await pbx.phone("2001");
    const p = pbx;
    let caller = null as Promise<{ code: number | null; output: string }> | null;
    const report = await runInboundCall({
      ...loopbackCall(p.k.udpPort, AI),
      waitS: 20,
      listenMs: 500,
      prompt: "tones",
      transferTo: "2001",
      onStatus: (e) => {
        if (e.status === "waiting")
          caller = p.caller("caller-refer.xml", HUNT_GROUP, { keys: { target: "2001" } }).then((s) => s.done);
      },
    });
    const sipp = caller ? await caller : null;
    expect(sipp?.code, sipp?.output).toBe(0);
    expect((await target.done).code).toBe(0);
    expect(report.call.transfer).toEqual({
      target: "2001",
      outcome: "transfer_ok",
      notify: [
        { status: 100, reason: "Trying", subscriptionState: "active" },
        { status: 200, reason: "OK", subscriptionState: "terminated" },
      ],
    });
    expect(sent(report)).toContain("REFER");
    expect(report.ok).toBe(true);
  });

  it("REFER refused with 403 → transfer_refused, the call still ends cleanly", async () => {
    const { report, sipp } = await inbound("caller-refer-refused.xml", HUNT_GROUP, {
      prompt: "tones",
      listenMs: 500,
      transferTo: "2001",
    });
    expect(sipp?.code, sipp?.output).toBe(0);
    expect(report.call.transfer).toEqual({ target: "2001", outcome: "transfer_refused", notify: [] });
    expect(report.facts.statusCode).toBe(403);
    expect(report.ok).toBe(false);
  });
});
