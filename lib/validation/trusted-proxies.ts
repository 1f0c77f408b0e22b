/**
 * TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For the HTTP front believes, as
 * comma-separated addresses or CIDRs. Strict forms only (four-part IPv4, IPv6), so a typo is a
 * start-up error, never a proxy trusted by accident. server/http/front.mjs parses the same list
 * (plain JavaScript, so it keeps its own copy of the rule).
 */
import ipaddr from "ipaddr.js";
import { z } from "zod";

function isStrictAddress(a: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(a) || ipaddr.IPv6.isValid(a);
}

export function isTrustedProxyEntry(entry: string): boolean {
  const slash = entry.indexOf("/");
  if (slash < 0) return isStrictAddress(entry);
  return (
    isStrictAddress(entry.slice(0, slash)) &&
    /^\d{1,3}$/.test(entry.slice(slash + 1)) &&
    ipaddr.isValidCIDR(entry)
  );
}

export const trustedProxies = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .superRefine((list, ctx) => {
    if (list.length > 64) ctx.addIssue({ code: "custom", message: "at most 64 entries" });
    for (const entry of list.filter((e) => !isTrustedProxyEntry(e)))
      ctx.addIssue({
        code: "custom",
        message: `"${entry.slice(0, 60)}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 2001:db8::/32)`,
      });
  });
