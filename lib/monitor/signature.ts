/**
 * Webhook signatures: HMAC-SHA256 over `<unix seconds>.<raw body>`, sent as
 * `X-Phone-Connection-Signature: t=<seconds>,v1=<hex>`. The timestamp is inside the MAC, so a
 * receiver that rejects old timestamps (we suggest 5 minutes) cannot be fed a replay. Pure;
 * `verifySignature` is what a receiver (and our tests) run. See docs/monitoring.md.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Phone-Connection-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signPayload(secret: string, body: string, nowSeconds: number): string {
  const t = Math.floor(nowSeconds);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

export type VerifyResult = { ok: true } | { ok: false; code: "malformed" | "stale" | "mismatch" };

export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): VerifyResult {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return { ok: false, code: "malformed" };
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, code: "stale" };
  const expected = Buffer.from(mac(secret, t, body), "hex");
  const given = Buffer.from(m[2] as string, "hex");
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, code: "mismatch" };
}
