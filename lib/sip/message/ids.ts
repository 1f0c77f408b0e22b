/**
 * Protocol identifiers from crypto randomness (RFC 3261 8.1.1.7 branch, 19.3 tags and Call-ID,
 * RFC 7616 cnonce). Injectable so tests can use fixed values.
 */
import "server-only";
import { randomBytes } from "node:crypto";

export type RandomSource = (bytes: number) => Buffer;

// One getrandom call per 4 KiB instead of one per identifier; every byte is still CSPRNG output
// and is handed out once.
let pool = Buffer.alloc(0);
let offset = 0;
/** `n` pool bytes as hex, without a Buffer per identifier (a check makes about ten). */
function poolHex(n: number): string {
  if (offset + n > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const out = pool.toString("hex", offset, offset + n);
  offset += n;
  return out;
}

export function makeIds(random?: RandomSource) {
  const hex = random ? (n: number) => random(n).toString("hex") : poolHex;
  return {
    /** RFC 3261 8.1.1.7: branches start with the magic cookie. */
    branch: () => `z9hG4bK${hex(12)}`,
    tag: () => hex(8),
    callId: () => hex(16),
    cnonce: () => hex(16),
  };
}
export type Ids = ReturnType<typeof makeIds>;

/** The ids every check uses: stateless apart from the shared pool, so one set serves all. */
export const IDS: Ids = makeIds();
