import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSdp, negotiate, parseSdp } from "./sdp";

const OFFER = [
  "v=0",
  "o=- 1 1 IN IP4 198.51.100.7",
  "s=-",
  "c=IN IP4 198.51.100.7",
  "t=0 0",
  "m=audio 40000 RTP/AVP 18 8 0 101",
  "a=rtpmap:18 G729/8000",
  "a=rtpmap:8 PCMA/8000",
  "a=rtpmap:101 telephone-event/8000",
  "a=fmtp:101 0-16",
  "a=ptime:30",
  "a=sendrecv",
  "",
].join("\r\n");

describe("SDP offer/answer", () => {
  it("answers with the offerer's first codec we speak, and its telephone-event type", () => {
    const p = parseSdp(OFFER);
    if (!p.ok) throw new Error(p.detail);
    const n = negotiate(p.sdp);
    expect(n).toMatchObject({
      ok: true,
      codec: "PCMA",
      pt: 8,
      dtmfPt: 101,
      ptimeMs: 30,
      remote: { address: "198.51.100.7", port: 40000, rtcpPort: 40001 },
      offered: ["G729/8000", "PCMA/8000", "PCMU/8000", "TELEPHONE-EVENT/8000"],
    });
  });

  it("names the offered codecs when none is G.711 (codec_mismatch)", () => {
    const p = parseSdp(OFFER.replace("RTP/AVP 18 8 0 101", "RTP/AVP 18 101"));
    if (!p.ok) throw new Error(p.detail);
    expect(negotiate(p.sdp)).toMatchObject({
      ok: false,
      code: "codec_mismatch",
      offered: ["G729/8000", "TELEPHONE-EVENT/8000"],
    });
  });

  it("uses a media-level c= over the session one, and reads back what we build", () => {
    const ours = buildSdp({
      sessionId: "7",
      version: 1,
      address: "203.0.113.5",
      port: 10002,
      codecs: [{ codec: "PCMU", pt: 0 }],
      dtmfPt: 101,
      ptimeMs: 20,
    });
    const p = parseSdp(ours.replace("a=ptime:20", "c=IN IP4 192.0.2.9\r\na=ptime:20"));
    if (!p.ok) throw new Error(p.detail);
    expect(p.sdp.address).toBe("203.0.113.5");
    expect(negotiate(p.sdp)).toMatchObject({
      ok: true,
      codec: "PCMU",
      remote: { address: "192.0.2.9", port: 10002 },
    });
  });

  it.each([
    ["no v=0", "o=x\r\n"],
    ["a bad m= line", "v=0\r\nm=audio x RTP/AVP 0\r\n"],
    ["a payload type above 127", "v=0\r\nm=audio 4000 RTP/AVP 300\r\n"],
    ["oversize", `v=0\r\n${"a=x\r\n".repeat(1200)}`],
    ["too many lines", `v=0\r\n${"a=x\r\n".repeat(200)}`],
    ["a bad c= line", "v=0\r\nc=IN IP4\r\n"],
  ])("refuses %s as sdp_invalid", (_n, text) => {
    expect(parseSdp(text)).toMatchObject({ ok: false, code: "sdp_invalid" });
  });

  it("never throws: any text gives a description or sdp_invalid", () => {
    const parts = fc.constantFrom(
      "v=0",
      "m=audio 4000 RTP/AVP 0 8 101",
      "m=audio 0 RTP/AVP",
      "c=IN IP4 10.0.0.1",
      "c=IN IP6 ::1",
      "a=rtpmap:101 telephone-event/8000",
      "a=rtpmap:",
      "a=ptime:",
      "a=fmtp:101 0-15",
      "a=rtcp:",
      "\r\n",
      " ",
      "=",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.oneof(parts, fc.string()), { maxLength: 40 }).map((a) => a.join("\r\n")),
        ),
        (text) => {
          const p = parseSdp(text);
          if (p.ok) negotiate(p.sdp);
          else expect(p.code).toBe("sdp_invalid");
        },
      ),
      { numRuns: 3000 },
    );
  });
});
