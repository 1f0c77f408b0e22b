import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "./keyring";

/**
 * AES-256-GCM with a fresh 96-bit IV per write (NIST SP 800-38D 8.2.2: random IVs are safe far
 * below 2^32 encryptions per key). The AAD binds a ciphertext to one connection and key version,
 * so a value copied to another row, or relabelled with another version, fails to decrypt.
 *
 * Format v2 also binds it to its destination (a fingerprint of where the password may be sent,
 * lib/crypto/destination.ts): after a change of domain, port, transport, proxy or username the
 * old ciphertext no longer opens, even if some code path forgot to ask for the password again.
 * v1 (unbound) is still read; `credentials:rotate` rewrites it as v2.
 *
 * Serialized: `<format>.<keyVersion>.<iv>.<ciphertext>.<tag>` with base64url parts.
 */
type Format = "v1" | "v2";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SealedSecret = {
  format?: Format;
  keyVersion: number;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
};

export type OpenErrorCode = "malformed" | "unknown_key" | "auth_failed";
export type OpenResult = { ok: true; plaintext: string } | { ok: false; code: OpenErrorCode };

function aad(connectionId: string, keyVersion: number, binding?: string): Buffer {
  const base = `phone-connection/sip-password/${binding === undefined ? "v1" : "v2"}|${connectionId.toLowerCase()}|${keyVersion}`;
  return Buffer.from(binding === undefined ? base : `${base}|${binding}`);
}

/** `binding`: the destination fingerprint (v2); without it a legacy v1 value (tests, old rows). */
export function seal(ring: KeyRing, plaintext: string, connectionId: string, binding?: string): SealedSecret {
  const keyVersion = ring.current;
  const key = ring.key(keyVersion);
  if (!key) throw new Error("key ring has no current key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(connectionId, keyVersion, binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    format: binding === undefined ? "v1" : "v2",
    keyVersion,
    iv,
    ciphertext,
    tag: cipher.getAuthTag(),
  };
}

/**
 * Fails closed: any tampering, wrong key, wrong connection id or (v2) another destination gives
 * an error value.
 */
export function open(
  ring: KeyRing,
  sealed: SealedSecret,
  connectionId: string,
  binding?: string,
): OpenResult {
  const key = ring.key(sealed.keyVersion);
  if (!key) return { ok: false, code: "unknown_key" };
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES)
    return { ok: false, code: "malformed" };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv, { authTagLength: TAG_BYTES });
    if (sealed.format === "v2" && binding === undefined) return { ok: false, code: "auth_failed" };
    decipher.setAAD(aad(connectionId, sealed.keyVersion, sealed.format === "v2" ? binding : undefined));
    decipher.setAuthTag(sealed.tag);
    const plain = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    return { ok: true, plaintext: plain.toString("utf8") };
  } catch {
    return { ok: false, code: "auth_failed" };
  }
}

function serializeSealed(s: SealedSecret): string {
  return [
    s.format ?? "v1",
    String(s.keyVersion),
    ...[s.iv, s.ciphertext, s.tag].map((b) => b.toString("base64url")),
  ].join(".");
}

export function parseSealed(text: string): SealedSecret | undefined {
  const parts = text.split(".");
  const [format, version, iv, ct, tag] = parts;
  if (parts.length !== 5 || (format !== "v1" && format !== "v2")) return undefined;
  if (!version || !/^[1-9][0-9]{0,5}$/.test(version)) return undefined;
  const b64 = /^[A-Za-z0-9_-]*$/;
  if (iv === undefined || ct === undefined || tag === undefined) return undefined;
  if (!b64.test(iv) || !b64.test(ct) || !b64.test(tag)) return undefined;
  return {
    format,
    keyVersion: Number(version),
    iv: Buffer.from(iv, "base64url"),
    ciphertext: Buffer.from(ct, "base64url"),
    tag: Buffer.from(tag, "base64url"),
  };
}

/** Encrypts a SIP password for one connection; returns the column value and its key version. */
export function encryptSecret(
  ring: KeyRing,
  plaintext: string,
  connectionId: string,
  binding?: string,
): { ciphertext: string; keyVersion: number } {
  const sealed = seal(ring, plaintext, connectionId, binding);
  return { ciphertext: serializeSealed(sealed), keyVersion: sealed.keyVersion };
}

export function decryptSecret(
  ring: KeyRing,
  stored: string,
  connectionId: string,
  binding?: string,
): OpenResult {
  const sealed = parseSealed(stored);
  if (!sealed) return { ok: false, code: "malformed" };
  return open(ring, sealed, connectionId, binding);
}

/** True for a ciphertext bound to a destination (v2). */
export function isBound(stored: string): boolean {
  return stored.startsWith("v2.");
}
