/** Our honest User-Agent (SIP_FAILURE_MODES: never look like a scanner). */
import pkg from "@/package.json";

export const USER_AGENT = `PhoneConnection/${pkg.version}`;
