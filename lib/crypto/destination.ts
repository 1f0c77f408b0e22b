import "server-only";
import { createHash } from "node:crypto";
import { canonicalDestination, type Destination } from "@/lib/validation/destination";

/** The AAD part that binds a stored password to its destination (lib/crypto/secret-box.ts v2). */
export function destinationFingerprint(d: Destination): string {
  return createHash("sha256")
    .update(`sip-destination|${canonicalDestination(d)}`)
    .digest("base64url");
}
