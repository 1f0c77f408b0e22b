/**
 * The test call's configuration from the environment (lib/env.ts), and the one rule for whether
 * a call can run at all: we need an address the PBX can reach for SIP and RTP.
 */
import "server-only";
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { DEFAULT_CALL_WAIT_S, DEFAULT_RTP_RANGE } from "@/lib/validation/call-config";

export type CallConfig = {
  publicAddresses: string[];
  portRange: { min: number; max: number };
  bindAddress: string;
  waitS: number;
};

export function callConfig(): CallConfig {
  const e = env();
  return {
    publicAddresses: e.SIP_PUBLIC_ADDRESSES ?? [],
    portRange: e.RTP_PORT_RANGE ?? DEFAULT_RTP_RANGE,
    bindAddress: e.SIP_BIND_ADDRESS ?? "0.0.0.0",
    waitS: e.TEST_CALL_WAIT_S ?? DEFAULT_CALL_WAIT_S,
  };
}

/** Our public address in the PBX's address family, or null (then the socket's own must do). */
export function publicAddressFor(target: string, c: CallConfig): string | null {
  const family = isIP(target);
  return c.publicAddresses.find((a) => isIP(a) === family) ?? null;
}

/** RTP binds in the target's family: an IPv4 wildcard cannot reach an IPv6 PBX. */
export function bindFor(target: string, c: CallConfig): string {
  const family = isIP(target);
  if (isIP(c.bindAddress) === family) return c.bindAddress;
  return family === 6 ? "::" : "0.0.0.0";
}
