/** Our honest User-Agent (RFC 3261 §20.41; never look like a scanner: docs/sip-failure-modes.md). */
import pkg from "@/package.json";

export const USER_AGENT = `PhoneConnection/${pkg.version}`;
