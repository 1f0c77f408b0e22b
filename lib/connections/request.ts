import "server-only";

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
