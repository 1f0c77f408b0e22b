/**
 * Where a SIP password may be sent: the SIP account's destination. Changing any of these fields
 * needs the password typed again (the form asks, the server refuses otherwise, and the stored
 * ciphertext is bound to the fingerprint: lib/crypto/destination.ts). Browser-safe.
 */

export type Destination = {
  sipUsername: string;
  authUsername?: string | null;
  sipDomain: string;
  port?: number | string | null;
  transport?: string;
  outboundProxy?: string | null;
};

const text = (v: string | null | undefined) => (v ?? "").trim();
const host = (v: string | null | undefined) => text(v).toLowerCase();

/** One string per destination; equal strings mean the same destination. */
export function canonicalDestination(d: Destination): string {
  const port = d.port === null || d.port === undefined || d.port === "" ? "" : String(d.port).trim();
  return JSON.stringify([
    text(d.sipUsername),
    text(d.authUsername),
    host(d.sipDomain),
    port,
    d.transport ?? "auto",
    host(d.outboundProxy),
  ]);
}

export function sameDestination(a: Destination, b: Destination): boolean {
  return canonicalDestination(a) === canonicalDestination(b);
}
