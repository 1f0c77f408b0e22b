import "server-only";
import { clientIpFrom } from "@/server/auth/sign-in";

/**
 * The client's address for the per-IP limit (server/auth/sign-in.ts's clientIpFrom, for a route
 * handler's Request). Behind a proxy, the proxy must overwrite (not append to) X-Forwarded-For.
 */
export function clientIpOf(req: Request): string {
  return clientIpFrom(req.headers);
}
