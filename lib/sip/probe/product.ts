/**
 * The PBX product family from its Server or User-Agent header (RFC 3261 20.35, 20.41). Order
 * matters: FreePBX, Yeastar and Grandstream UCM run Asterisk and may name it too.
 */
import type { PbxFamily } from "@/lib/verdicts/codes";

const PATTERNS: Array<[RegExp, PbxFamily]> = [
  [/\bFPBX-|\bFreePBX\b/i, "freepbx"],
  [/\b3CX/i, "3cx"],
  [/\bYeastar\b|\bMyPBX\b/i, "yeastar"],
  [/\bGrandstream\b|\bUCM\d/i, "grandstream"],
  [/\bAsterisk\b/i, "asterisk"],
  [/\bKamailio\b/i, "kamailio"],
  [/\bOpenSIPS\b/i, "opensips"],
  [/\bFreeSWITCH\b/i, "freeswitch"],
];

export function pbxFamilyOf(product: string | null): PbxFamily | null {
  if (!product) return null;
  for (const [pattern, family] of PATTERNS) if (pattern.test(product)) return family;
  return null;
}
