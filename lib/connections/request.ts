import "server-only";
import { env } from "@/lib/env";

/**
 * Route handlers get no CSRF protection from Next (server actions do): a mutating request must
 * carry an Origin equal to this site's. Missing Origin and `Origin: null` are refused.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  const allowed = new Set<string>();
  const appUrl = env().APP_URL;
  if (appUrl) allowed.add(new URL(appUrl).origin);
  const host = req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(/:$/, "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed.has(origin);
}

/**
 * The client's address for the per-IP limit. Next sets X-Forwarded-For from the socket when no
 * proxy did; behind a proxy, the proxy must overwrite (not append to) it.
 */
export function clientIpOf(req: Request): string {
  const xff = req.headers.get("x-forwarded-for");
  const first = xff?.split(",")[0]?.trim();
  return first || req.headers.get("x-real-ip")?.trim() || "unknown";
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
