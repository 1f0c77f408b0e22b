/** Small helpers for lib/net/dns.ts: timeouts, error codes, special-use names. */
import "server-only";
import type { DnsErrorCode } from "./dns-types";

export class DnsTimeout extends Error {}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DnsTimeout()), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export function errorCode(e: unknown): DnsErrorCode {
  if (e instanceof DnsTimeout) return "timeout";
  const code = typeof e === "object" && e !== null && "code" in e ? String(e.code) : "";
  const map: Record<string, DnsErrorCode> = {
    ENOTFOUND: "nxdomain",
    ENODATA: "no_data",
    ETIMEOUT: "timeout",
    ESERVFAIL: "servfail",
    EREFUSED: "refused",
  };
  return map[code] ?? "error";
}

export function suffixOf(name: string, suffixes: string[]): string | undefined {
  return suffixes.find((s) => name === s || name.endsWith(`.${s}`));
}

/** RFC 6761 §6.3: localhost and *.localhost are loopback. */
export const isLoopbackName = (name: string): boolean => suffixOf(name, ["localhost"]) !== undefined;

// Answered without asking DNS (node's Resolver skips /etc/hosts anyway).
export const LOOPBACK_NAMES = ["127.0.0.1", "::1"];
// Names only a local network answers (RFC 6762 .local, RFC 8375 home.arpa, ICANN .internal, common LAN suffixes).
export const INTERNAL_SUFFIXES = ["local", "home.arpa", "internal", "lan", "localdomain", "intranet"];
// RFC 6761 / RFC 7686 / RFC 9476 special-use names that never resolve in public DNS.
export const NEVER_RESOLVES = ["invalid", "test", "example", "onion", "alt"];
