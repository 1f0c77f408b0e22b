/**
 * The test call's audio: a start tone, a short spoken phrase (synthesised once into
 * assets/prompt-*.ulaw by scripts/call-prompts.sh; nothing is generated or fetched at run time),
 * and a closing two-tone. Framed for RTP at `ptimeMs` and encoded in the negotiated G.711 law.
 */
import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeG711, type G711, ulawToLinear } from "./g711";

export const SAMPLE_RATE = 8000;
const ASSETS_IN_REPO = join("lib", "sip", "call", "assets");
const phraseCache = new Map<string, Int16Array>();
let assetsDir: string | null = null;

/**
 * The assets directory, found from this module's own file, not the process's cwd: the worker, the
 * CLI and tests may start anywhere. The module is the source file (tsx, vitest), a Next server
 * chunk under .next/ or the CLI bundle in dist/ (its build defines import.meta.url); each lies
 * inside the repo, so walking up finds lib/sip/call/assets.
 */
export function promptAssets(): string {
  if (assetsDir) return assetsDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, ASSETS_IN_REPO);
    if (existsSync(candidate)) {
      assetsDir = candidate;
      return candidate;
    }
    const up = dirname(dir);
    if (up === dir) return join(process.cwd(), ASSETS_IN_REPO); // read fails as a value below
    dir = up;
  }
}

export function tone(freqs: number[], ms: number, amplitude = 6000): Int16Array {
  const n = Math.round((SAMPLE_RATE * ms) / 1000);
  const out = new Int16Array(n);
  const ramp = Math.min(80, n / 4); // 10 ms fade in and out: no clicks
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const f of freqs) v += Math.sin((2 * Math.PI * f * i) / SAMPLE_RATE);
    const env = Math.min(1, i / ramp, (n - i) / ramp);
    out[i] = Math.round((v / freqs.length) * amplitude * env);
  }
  return out;
}

export const silence = (ms: number) => new Int16Array(Math.round((SAMPLE_RATE * ms) / 1000));

/** The phrase as linear PCM; a missing asset is an error value, not a crash mid-call. */
export function loadPhrase(
  locale: "en" | "nl",
): { ok: true; pcm: Int16Array } | { ok: false; detail: string } {
  const cached = phraseCache.get(locale);
  if (cached) return { ok: true, pcm: cached };
  try {
    const bytes = readFileSync(join(promptAssets(), `prompt-${locale}.ulaw`));
    const pcm = new Int16Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) pcm[i] = ulawToLinear(bytes[i] ?? 0xff);
    phraseCache.set(locale, pcm);
    return { ok: true, pcm };
  } catch (e) {
    return { ok: false, detail: `prompt asset missing: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Start tone, phrase, closing tones; tones alone when the phrase asset cannot be read. */
export function promptPcm(locale: "en" | "nl"): Int16Array {
  const phrase = loadPhrase(locale);
  return concat([
    tone([1000], 300),
    silence(200),
    phrase.ok ? phrase.pcm : silence(0),
    silence(200),
    tone([440, 880], 250),
    silence(100),
    tone([440, 880], 250),
  ]);
}

/** Splits PCM into encoded frames of ptime ms; the last frame is padded with silence. */
export function frames(pcm: Int16Array, codec: G711, ptimeMs: number): Buffer[] {
  const size = (SAMPLE_RATE * ptimeMs) / 1000;
  const out: Buffer[] = [];
  for (let at = 0; at < pcm.length; at += size) {
    const frame = new Int16Array(size);
    frame.set(pcm.subarray(at, Math.min(at + size, pcm.length)));
    out.push(encodeG711(codec, frame));
  }
  return out;
}

/** One frame of digital silence in the given law (0xFF μ-law, 0xD5 A-law). */
export function silentFrame(codec: G711, ptimeMs: number): Buffer {
  return Buffer.alloc((SAMPLE_RATE * ptimeMs) / 1000, codec === "PCMU" ? 0xff : 0xd5);
}
