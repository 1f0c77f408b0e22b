import dgram from "node:dgram";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MediaSession } from "./media";
import { buildRtp } from "./rtp-packet";
import type { Negotiated } from "./sdp";

const neg = (port: number): Negotiated => ({
  ok: true,
  codec: "PCMU",
  pt: 0,
  dtmfPt: 101,
  ptimeMs: 20,
  remote: { address: "127.0.0.1", port, rtcpPort: port + 1 },
  direction: "sendrecv",
  offered: ["PCMU/8000"],
});

describe("the RTP receiver on a real socket", () => {
  it("survives any datagrams (fuzzed), keeps its caps, and still counts a good packet afterwards", async () => {
    const sink = dgram.createSocket("udp4");
    await new Promise<void>((r) => sink.bind(0, "127.0.0.1", r));
    const opened = await MediaSession.open({
      bindAddress: "127.0.0.1",
      portRange: { min: 46000, max: 46999 },
      policy: { allowCidrs: ["127.0.0.0/8"] },
    });
    if (!opened.ok) throw new Error(opened.detail);
    const media = opened.media;
    media.start(neg(sink.address().port), new Int16Array(160));
    const sender = dgram.createSocket("udp4");
    const junk = fc.sample(
      fc.oneof(
        fc.uint8Array({ maxLength: 1600 }),
        fc
          .tuple(
            fc.integer({ min: 0x80, max: 0xbf }),
            fc.integer({ min: 0, max: 255 }),
            fc.uint8Array({ maxLength: 200 }),
          )
          .map(([a, b, rest]) => Uint8Array.from([a, b, ...rest])),
      ),
      3000,
    );
    for (const bytes of junk) sender.send(bytes, media.port, "127.0.0.1");
    await new Promise((r) => setTimeout(r, 300));
    const before = media.summary().received;
    sender.send(
      buildRtp({
        payloadType: 0,
        marker: false,
        sequence: 1,
        timestamp: 160,
        ssrc: 42,
        payload: Buffer.alloc(160, 0xff),
      }),
      media.port,
      "127.0.0.1",
    );
    await new Promise((r) => setTimeout(r, 100));
    const after = media.summary();
    expect(after.received).toBe(before + 1);
    expect(after.sent).toBeGreaterThan(0);
    expect(media.dtmf.length).toBeLessThanOrEqual(32);
    media.close();
    sender.close();
    sink.close();
  });
});
