/** Our honest User-Agent: PBX intrusion filters block scanner names (docs/pbx-behaviour.md). */
import pkg from "@/package.json";

export const USER_AGENT = `PhoneConnection/${pkg.version}`;
