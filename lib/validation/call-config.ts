/**
 * The test call's configuration values, parsed once: our public address(es) for SIP and RTP, the
 * media port range, the bind address. Shared by lib/env.ts and the tests; browser-safe.
 */
import { z } from "zod";
import { canonicalIPv6, isCanonicalIPv4 } from "./host";

export const isIpLiteral = (v: string) => isCanonicalIPv4(v) || canonicalIPv6(v) !== null;

/** `203.0.113.10, 2001:db8::10` → the addresses; IP literals only (the guide shows them to providers). */
export const publicAddresses = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.length <= 8 && list.every(isIpLiteral), {
    message: "a comma-separated list of up to 8 IP addresses, e.g. 203.0.113.10",
  });

/** `10000-20000`: an even start, at least one even/odd pair, unprivileged (RFC 3550 11). */
export const portRange = z
  .string()
  .regex(/^\d{4,5}\s*-\s*\d{4,5}$/, "a range like 10000-20000")
  .transform((v) => {
    const [min, max] = v.split("-").map((s) => Number(s.trim()));
    return { min: min ?? 0, max: max ?? 0 };
  })
  .refine((r) => r.min >= 1024 && r.max <= 65535 && r.max - r.min >= 1, {
    message: "ports between 1024 and 65535, the first below the last",
  });

export const bindAddress = z.string().refine((v) => isIpLiteral(v) || v === "0.0.0.0" || v === "::", {
  message: "an IP address of this server, e.g. 0.0.0.0",
});

export const DEFAULT_RTP_RANGE = { min: 10000, max: 20000 } as const;
export const DEFAULT_CALL_WAIT_S = 120;
