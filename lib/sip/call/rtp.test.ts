import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRtp, buildSenderReport, parseRtcp, parseRtp } from "./rtp-packet";
import { ReceiveStats } from "./rtp-stats";

describe("RTP packets", () => {
  it("reads back what it builds", () => {
    const b = buildRtp({
      payloadType: 8,
      marker: true,
      sequence: 65535,
      timestamp: 2 ** 32 - 1,
      ssrc: 0xdeadbeef,
      payload: Buffer.alloc(160, 0xd5),
    });
    expect(parseRtp(b)).toMatchObject({
      ok: true,
      packet: { payloadType: 8, marker: true, sequence: 65535, timestamp: 2 ** 32 - 1, ssrc: 0xdeadbeef },
    });
  });

  it("skips CSRCs and a header extension, and strips padding", () => {
    const b = Buffer.from([
      0xb1, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 1, 2, 3, 4, 0xbe, 0xde, 0, 1, 9, 9, 9, 9, 0xaa, 0xbb, 0, 2,
    ]);
    const p = parseRtp(b);
    expect(p.ok && [...p.packet.payload]).toEqual([0xaa, 0xbb]);
  });

  it.each([
    ["short", Buffer.alloc(11)],
    ["version 1", Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
    ["RTCP on the RTP port", Buffer.from([0x80, 0xc8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
    ["oversize", Buffer.alloc(1501, 0x80)],
    ["padding beyond the packet", Buffer.from([0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200])],
  ])("refuses %s", (_n, b) => {
    expect(parseRtp(b)).toMatchObject({ ok: false, code: "rtp_invalid" });
  });

  it("never throws on any bytes (RTP and RTCP)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1600 }), (bytes) => {
        const r = parseRtp(bytes);
        expect(typeof r.ok).toBe("boolean");
        const c = parseRtcp(bytes);
        expect(typeof c.ok).toBe("boolean");
      }),
      { numRuns: 5000 },
    );
    // Mostly-valid headers reach the deeper branches.
    fc.assert(
      fc.property(fc.integer({ min: 0x80, max: 0xbf }), fc.uint8Array({ maxLength: 80 }), (first, rest) => {
        expect(typeof parseRtp(Uint8Array.from([first, ...rest])).ok).toBe("boolean");
        expect(typeof parseRtcp(Uint8Array.from([first, 200, ...rest])).ok).toBe("boolean");
      }),
      { numRuns: 5000 },
    );
  });

  it("reads the report block of its own sender report", () => {
    const sr = buildSenderReport(
      { ssrc: 1, ntpMs: 1_700_000_000_000, rtpTimestamp: 160, packets: 50, octets: 8000 },
      { ssrc: 2, fractionLost: 0.25, cumulativeLost: 3, highestSeq: 70000, jitter: 12 },
    );
    expect(parseRtcp(sr)).toEqual({
      ok: true,
      reports: [
        {
          type: "SR",
          sender: 1,
          packetsSent: 50,
          blocks: [{ ssrc: 2, fractionLost: 0.25, cumulativeLost: 3, highestSeq: 70000, jitter: 12 }],
        },
      ],
    });
  });
});

describe("receive statistics (RFC 3550 A.3, A.8)", () => {
  it("counts loss across a sequence wrap", () => {
    const s = new ReceiveStats();
    let seq = 65530;
    for (let i = 0; i < 20; i++) {
      if (i !== 7 && i !== 8) s.update(seq & 0xffff, i * 160, i * 20);
      seq++;
    }
    expect(s.expected).toBe(20);
    expect(s.received).toBe(18);
    expect(s.lost).toBe(2);
    expect(s.lossPct).toBe(10);
  });

  it("has zero jitter for perfect pacing and converges on a constant deviation", () => {
    const even = new ReceiveStats();
    for (let i = 0; i < 50; i++) even.update(i, i * 160, i * 20);
    expect(even.jitterMs).toBe(0);
    const uneven = new ReceiveStats();
    // Alternating 10 ms early / late: |D| = 20 ms every packet, so J tends to 20 ms (A.8).
    for (let i = 0; i < 400; i++) uneven.update(i, i * 160, i * 20 + (i % 2 === 0 ? 10 : -10));
    expect(uneven.jitterMs).toBeGreaterThan(19.5);
    expect(uneven.jitterMs).toBeLessThanOrEqual(20);
  });
});
