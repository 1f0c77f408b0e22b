import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loopbackCall } from "./call/testing/options";
import type { CallStatusEvent } from "./call/types";
import { runInboundCall, runOutboundCall } from "./index";
import type { StepResult } from "./probe/types";
import { SCRUBBED, Scrubber } from "./scrub";
import { check } from "./testing/check";
import { type CallEchoPeer, callEchoPeer, ECHO_REALM, type EchoPeer, echoPeer } from "./testing/echo-peer";

const PASSWORD = "Echo-me-7Qz!pw";

describe("the engine boundary scrubs what a PBX echoes", () => {
  let peer: EchoPeer;
  beforeAll(async () => {
    peer = await echoPeer(PASSWORD);
  });
  afterAll(() => peer?.close());

  it("removes the password and our digest from steps, status line, trace and facts", async () => {
    const live: StepResult[] = [];
    const r = await check(
      { username: "1050", password: PASSWORD, domain: `127.0.0.1:${peer.port}` },
      { onStep: (s) => live.push(s) },
    );
    // The peer really saw and echoed a digest: the control for everything below.
    const response = peer.responses[0];
    expect(response).toMatch(/^[0-9a-f]{32}$/);
    expect(peer.received.some((m) => m.includes(response ?? "-"))).toBe(true);
    expect(r.sip?.statusCode).toBe(403);
    const received = r.trace.filter((e) => e.direction === "received").map((e) => e.text);
    expect(received.some((t) => t.includes("X-Echo:") && t.includes(SCRUBBED))).toBe(true);

    const everything = JSON.stringify({ r, live });
    expect(everything).not.toContain(PASSWORD);
    expect(everything.toLowerCase()).not.toContain((response ?? "").toLowerCase());
    expect(everything).not.toContain(encodeURIComponent(PASSWORD));
    expect(live.length).toBeGreaterThan(0);
  });
});

describe("the engine boundary scrubs what a PBX echoes during a test call", () => {
  const user = { username: "1050", password: PASSWORD };
  const ha1 = createHash("md5").update(`1050:${ECHO_REALM}:${PASSWORD}`).digest("hex");
  let peer: CallEchoPeer | null = null;
  afterEach(async () => {
    await peer?.close();
    peer = null;
  });

  /** Nothing secret anywhere: the password, any digest response we sent, the HA1. */
  function expectClean(everything: string, responses: string[]) {
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) expect(r).toMatch(/^[0-9a-f]{32}$/);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(encodeURIComponent(PASSWORD));
    const lower = everything.toLowerCase();
    for (const r of responses) expect(lower).not.toContain(r);
    expect(lower).not.toContain(ha1);
  }

  it("outbound: the 407 → INVITE-with-credentials exchange echoed in status line, headers and body", async () => {
    const p = await callEchoPeer(PASSWORD);
    peer = p;
    const live: CallStatusEvent[] = [];
    const r = await runOutboundCall({
      ...loopbackCall(p.port, user),
      dial: "600",
      prompt: "tones",
      onStatus: (e) => live.push(e),
    });
    // The control: the peer saw our digest on the second INVITE and echoed it back to us.
    expect(p.responses).toHaveLength(1);
    expect(r.call.outcome).toBe("outbound_refused");
    expect(r.facts.statusCode).toBe(403);
    expect(r.facts.reason).toContain(SCRUBBED);
    const received = r.trace.filter((e) => e.direction === "received").map((e) => e.text);
    expect(received.some((t) => t.startsWith("SIP/2.0 403") && t.includes("X-Pass: [redacted]"))).toBe(true);
    expect(received.some((t) => t.startsWith("SIP/2.0 183"))).toBe(true);
    expect(live.some((e) => e.detail.includes(`403 Forbidden ${SCRUBBED}`))).toBe(true);
    expectClean(JSON.stringify({ r, live }), p.responses);
  });

  it("inbound: the bind's 200 and the call's From, Diversion and History-Info echo our digest", async () => {
    const p = await callEchoPeer(PASSWORD);
    peer = p;
    const live: CallStatusEvent[] = [];
    const r = await runInboundCall({
      ...loopbackCall(p.port, user),
      waitS: 10,
      prompt: "tones",
      onStatus: (e) => {
        live.push(e);
        if (e.status === "waiting") p.invite();
      },
    });
    expect(r.call.outcome).toBe("codec_mismatch");
    // Bind and un-bind, each answered with credentials once: two responses we sent.
    expect(p.responses).toHaveLength(2);
    expect(r.call.from).toContain(SCRUBBED);
    expect(r.facts.from).toContain(SCRUBBED);
    expect(r.route.diversion.join()).toContain(SCRUBBED);
    expect(r.route.historyInfo.join()).toContain(SCRUBBED);
    expect(live.some((e) => e.status === "ringing" && e.detail.includes(SCRUBBED))).toBe(true);
    const received = r.trace.filter((e) => e.direction === "received").map((e) => e.text);
    expect(received.some((t) => t.startsWith("SIP/2.0 200") && t.includes("X-Ha1: [redacted]"))).toBe(true);
    expectClean(JSON.stringify({ r, live }), p.responses);
  });
});

describe("Scrubber", () => {
  it("removes the HA1 a PBX could print, in any case, and response= in any header", () => {
    const s = new Scrubber("pw-secret");
    s.learnSent(
      'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest username="u", realm="r", nonce="n", uri="sip:x", response="ABCDEF0123", cnonce="c", nc=00000001, qop=auth\r\n\r\n',
    );
    // md5("u:r:pw-secret"): RFC 7616 3.4.2 A1, as a PBX that knows the password could print it
    const ha1 = "b7c4d295ed4c374d0f83207ac6ff586d";
    const out = s.text(`ha1 ${ha1.toUpperCase()} resp abcdef0123\r\nX-Any: response=deadbeef, x=1`);
    expect(out).not.toMatch(new RegExp(ha1, "i"));
    expect(out).not.toMatch(/abcdef0123/i);
    expect(out).not.toContain("deadbeef");
    expect(s.text("a pw-secret b")).toBe(`a ${SCRUBBED} b`);
  });
});
