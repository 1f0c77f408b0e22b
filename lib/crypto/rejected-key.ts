import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { getKeyRing, type KeyRing } from "./keyring";

/**
 * The key under which a rejected login is remembered (docs/pbx-safety.md): an HMAC of username,
 * authentication ID, password and target, keyed from the newest credential key, so the table
 * holds nothing a wordlist could be tried against without that key.
 */
export function rejectedCredentialKey(
  c: { username: string; authUsername: string | null; password: string },
  target: string,
  ring: KeyRing = getKeyRing(),
): string {
  const master = ring.key(ring.current);
  if (!master) throw new Error("key ring has no current key");
  const key = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "pbx-rejected-credentials", 32));
  const mac = createHmac("sha256", key)
    .update(JSON.stringify([c.username, c.authUsername ?? c.username, c.password, target.toLowerCase()]))
    .digest("base64url");
  return `${ring.current}:${mac}`;
}
