/**
 * DTMF detection: RFC 4733 telephone-events (2.3: one event per RTP timestamp, end bit set on the
 * last packets, retransmitted three times) and in-band tones (ITU-T Q.23 pairs) with the
 * Goertzel algorithm, for PBXs that turn events into audio.
 */

export type DtmfDigit = { digit: string; via: "rfc4733" | "inband"; atMs: number; durationMs: number | null };

const EVENTS = "0123456789*#ABCD";

/** RFC 4733 2.3: event (8 bits), E, R, volume (6 bits), duration (16 bits). */
export function parseTelephoneEvent(
  payload: Uint8Array,
): { event: number; end: boolean; duration: number } | null {
  if (payload.length < 4) return null;
  const event = payload[0] ?? 255;
  return {
    event,
    end: ((payload[1] ?? 0) & 0x80) !== 0,
    duration: ((payload[2] ?? 0) << 8) | (payload[3] ?? 0),
  };
}

export class EventDetector {
  private lastTimestamp: number | null = null;
  private current: DtmfDigit | null = null;

  /** Returns a digit the first time an event timestamp is seen (at its start, for low latency). */
  push(payload: Uint8Array, timestamp: number, nowMs: number): DtmfDigit | null {
    const e = parseTelephoneEvent(payload);
    if (!e || e.event > 15) return null;
    if (timestamp === this.lastTimestamp) {
      if (e.end && this.current && this.current.durationMs === null)
        this.current.durationMs = Math.round(e.duration / 8);
      return null;
    }
    this.lastTimestamp = timestamp;
    this.current = {
      digit: EVENTS[e.event] ?? "?",
      via: "rfc4733",
      atMs: nowMs,
      durationMs: e.end ? Math.round(e.duration / 8) : null,
    };
    return this.current;
  }
}

const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477, 1633];
const KEYS = ["123A", "456B", "789C", "*0#D"];
/** 205 samples at 8 kHz: the classic block that puts each Q.23 frequency near a bin centre. */
export const GOERTZEL_BLOCK = 205;

function goertzel(samples: Int16Array, start: number, n: number, freq: number, rate: number): number {
  const k = Math.round((n * freq) / rate);
  const coeff = 2 * Math.cos((2 * Math.PI * k) / n);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s = (samples[start + i] ?? 0) + coeff * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/** The key in one block, or null: both tones strong, each dominating its group, twist within 8 dB. */
export function detectBlock(samples: Int16Array, start = 0, rate = 8000): string | null {
  const n = GOERTZEL_BLOCK;
  if (start + n > samples.length) return null;
  let energy = 0;
  for (let i = start; i < start + n; i++) energy += (samples[i] ?? 0) ** 2;
  if (energy < n * 200 * 200) return null; // below about −44 dBm0: silence or noise
  const rows = ROWS.map((f) => goertzel(samples, start, n, f, rate));
  const cols = COLS.map((f) => goertzel(samples, start, n, f, rate));
  const best = (xs: number[]) => xs.reduce((bi, x, i) => (x > (xs[bi] ?? 0) ? i : bi), 0);
  const r = best(rows);
  const c = best(cols);
  const rp = rows[r] ?? 0;
  const cp = cols[c] ?? 0;
  if (rows.some((x, i) => i !== r && x * 6 > rp) || cols.some((x, i) => i !== c && x * 6 > cp)) return null;
  if (rp > cp * 6.3 || cp > rp * 6.3) return null; // twist above 8 dB
  // The two tones must carry most of the block's energy (speech spreads it wide).
  const tonal = ((rp + cp) * 2) / n;
  if (tonal < energy * 0.5) return null;
  return KEYS[r]?.[c] ?? null;
}

/** Feeds decoded audio; a key counts when two blocks in a row agree, once per press. */
export class InbandDetector {
  private buffer = new Int16Array(0);
  private candidate: string | null = null;
  private reported = false;

  push(pcm: Int16Array, nowMs: number): DtmfDigit | null {
    const joined = new Int16Array(this.buffer.length + pcm.length);
    joined.set(this.buffer);
    joined.set(pcm, this.buffer.length);
    let found: DtmfDigit | null = null;
    let at = 0;
    for (; at + GOERTZEL_BLOCK <= joined.length; at += GOERTZEL_BLOCK) {
      const key = detectBlock(joined, at);
      if (key !== null && key === this.candidate && !this.reported) {
        this.reported = true;
        found ??= { digit: key, via: "inband", atMs: nowMs, durationMs: null };
      }
      if (key !== this.candidate) {
        this.candidate = key;
        this.reported = false;
      }
    }
    this.buffer = joined.slice(at);
    return found;
  }
}
