import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StepResult } from "./probe/types";
import { SCRUBBED, Scrubber } from "./scrub";
import { check } from "./testing/check";
import { type EchoPeer, echoPeer } from "./testing/echo-peer";

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
