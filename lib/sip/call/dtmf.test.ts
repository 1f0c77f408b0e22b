import { describe, expect, it } from "vitest";
import { EventDetector, InbandDetector } from "./dtmf";
import { alawToLinear, decodeG711, encodeG711, linearToAlaw, linearToUlaw, ulawToLinear } from "./g711";
import { silence, tone } from "./prompt";

const PAIRS: Record<string, [number, number]> = {
  "1": [697, 1209],
  "5": [770, 1336],
  "#": [941, 1477],
  "0": [941, 1336],
};

describe("DTMF", () => {
  it("detects in-band keys through G.711, once per press", () => {
    for (const law of ["PCMU", "PCMA"] as const) {
      const d = new InbandDetector();
      const seen: string[] = [];
      for (const key of ["1", "5", "#", "0"]) {
        const pcm = Int16Array.from([...tone(PAIRS[key] ?? [0, 0], 80, 8000), ...silence(60)]);
        const decoded = decodeG711(law, encodeG711(law, pcm));
        for (let at = 0; at < decoded.length; at += 160) {
          const digit = d.push(decoded.subarray(at, at + 160), at);
          if (digit) seen.push(digit.digit);
        }
      }
      expect(seen).toEqual(["1", "5", "#", "0"]);
    }
  });

  it("ignores a single tone, speech-like mixtures and silence", () => {
    const d = new InbandDetector();
    const noise = Int16Array.from({ length: 8000 }, (_v, i) =>
      Math.round(Math.sin(i * 0.3) * 3000 + Math.sin(i * 1.7) * 2000 + Math.sin(i * 0.05) * 4000),
    );
    expect(d.push(tone([1000], 300), 0)).toBeNull();
    expect(d.push(noise, 0)).toBeNull();
    expect(d.push(silence(500), 0)).toBeNull();
  });

  it("reports an RFC 4733 event once, with its duration from the end packets", () => {
    const d = new EventDetector();
    const pkt = (end: boolean, duration: number) =>
      Uint8Array.from([1, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff]);
    expect(d.push(pkt(false, 160), 1000, 5)?.digit).toBe("1");
    expect(d.push(pkt(false, 320), 1000, 25)).toBeNull();
    expect(d.push(pkt(true, 800), 1000, 45)).toBeNull();
    expect(d.push(pkt(true, 800), 1000, 46)).toBeNull();
    const next = d.push(Uint8Array.from([11, 10, 0, 160]), 5000, 100);
    expect(next?.digit).toBe("#");
    expect(d.push(Uint8Array.from([1, 2]), 6000, 100)).toBeNull();
  });
});

describe("G.711", () => {
  it("round-trips within the law's quantisation step", () => {
    for (const s of [0, 1, -1, 100, -100, 1000, -1000, 12345, -12345, 32767, -32768]) {
      expect(Math.abs(ulawToLinear(linearToUlaw(s)) - s)).toBeLessThanOrEqual(Math.max(8, Math.abs(s) / 16));
      expect(Math.abs(alawToLinear(linearToAlaw(s)) - s)).toBeLessThanOrEqual(Math.max(16, Math.abs(s) / 16));
    }
    expect(linearToUlaw(0)).toBe(0xff);
    expect(linearToAlaw(0)).toBe(0xd5);
  });
});
