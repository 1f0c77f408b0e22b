import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * CSRF guard for route handlers that change something (server actions get Next's own check).
 * A mutating request must carry an `Origin` equal to this site's origin: in production APP_URL's
 * only; in development also the one the request was addressed to (Host + scheme). Missing Origin and `Origin: null` (sandboxed
 * frames, some redirects, file:// pages) are refused, as is `Sec-Fetch-Site: cross-site`.
 * A browser cannot forge Origin, so an attacker's page can never pass.
 */

export type OriginCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "null" | "cross_site" | "mismatch" };

/** In production only APP_URL's origin: Host and X-Forwarded-Proto are whatever the client sent. */
export function expectedOrigins(req: Request, appUrl: string | undefined, production = false): Set<string> {
  if (production) return new Set([new URL(appUrl || "http://localhost:3000").origin.toLowerCase()]);
  const allowed = new Set<string>();
  if (appUrl) allowed.add(new URL(appUrl).origin);
  const host = req.headers.get("host");
  if (host) {
    const proto =
      req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ||
      new URL(req.url).protocol.replace(/:$/, "");
    allowed.add(`${proto}://${host}`.toLowerCase());
  }
  return allowed;
}

export function checkOrigin(
  req: Request,
  appUrl: string | undefined = env().APP_URL,
  production: boolean = env().NODE_ENV === "production",
): OriginCheck {
  const origin = req.headers.get("origin");
  if (origin === null || origin.trim() === "") return { ok: false, reason: "missing" };
  if (origin === "null") return { ok: false, reason: "null" };
  if (req.headers.get("sec-fetch-site") === "cross-site") return { ok: false, reason: "cross_site" };
  return expectedOrigins(req, appUrl, production).has(origin.toLowerCase())
    ? { ok: true }
    : { ok: false, reason: "mismatch" };
}

/** A ready 403 for handlers: `const refused = refuseCrossOrigin(req); if (refused) return refused;` */
export function refuseCrossOrigin(req: Request): Response | null {
  const r = checkOrigin(req);
  if (r.ok) return null;
  const err = new AppError("bad_origin", `${r.reason} origin`);
  return Response.json(
    { error: { code: err.code, message: err.userMessage } },
    { status: err.status, headers: { "cache-control": "no-store" } },
  );
}
