import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, isStaticPath, SECURITY_HEADERS } from "@/lib/http/security-headers";

/**
 * Runs before every request (Next 16's proxy, formerly middleware):
 * 1. CSRF: a POST/PUT/PATCH/DELETE must come from this site (Origin equals ours; missing,
 *    `null` and foreign origins get 403). This covers server actions, whose own check lets a
 *    missing Origin through, and every route handler; handlers check again themselves
 *    (lib/http/origin.ts), since a matcher change could skip this.
 * 2. Security headers, with a per-request nonce CSP: Next reads the nonce from the request's
 *    CSP header and puts it on its own scripts. Prerendered pages (the provider guide) were
 *    built without a nonce, so they get a policy that allows inline scripts instead.
 * Authorization is NOT done here: pages, actions and queries check the session themselves.
 */

/** The same default as the auth library's base URL (server/auth/server.ts). */
const DEFAULT_APP_URL = "http://localhost:3000";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Pages that need a session. Only a convenience redirect: the pages check the session themselves. */
const SIGNED_IN_AREAS = /^\/(connections|support|settings)(\/|$)/;
const SESSION_COOKIES = ["pc.session_token", "__Secure-pc.session_token"];

function sameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  if (req.headers.get("sec-fetch-site") === "cross-site") return false;
  const appUrl = process.env.APP_URL?.trim();
  // In production only APP_URL's origin counts: Host and X-Forwarded-Proto are the client's word.
  if (process.env.NODE_ENV === "production")
    return origin.toLowerCase() === new URL(appUrl || DEFAULT_APP_URL).origin.toLowerCase();
  const allowed = new Set<string>([req.nextUrl.origin]);
  if (appUrl) allowed.add(new URL(appUrl).origin);
  const host = req.headers.get("host");
  if (host) {
    const proto =
      req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || req.nextUrl.protocol.replace(/:$/, "");
    allowed.add(`${proto}://${host}`.toLowerCase());
  }
  return allowed.has(origin.toLowerCase());
}

function withSecurityHeaders(res: NextResponse): NextResponse {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
  return res;
}

export function proxy(req: NextRequest): NextResponse {
  if (!SAFE_METHODS.has(req.method) && !sameOrigin(req)) {
    const res = NextResponse.json(
      { error: { code: "bad_origin", message: "This request did not come from this site." } },
      { status: 403 },
    );
    return withSecurityHeaders(res);
  }

  if (
    req.method === "GET" &&
    SIGNED_IN_AREAS.test(req.nextUrl.pathname) &&
    !SESSION_COOKIES.some((name) => req.cookies.has(name))
  ) {
    const to = new URL("/sign-in", req.nextUrl);
    to.searchParams.set("next", `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return withSecurityHeaders(NextResponse.redirect(to));
  }

  const production = process.env.NODE_ENV === "production";
  const https = req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  const nonce = isStaticPath(req.nextUrl.pathname)
    ? null
    : Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce, dev: !production, upgradeInsecure: https });

  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("content-security-policy", csp);
  if (nonce) requestHeaders.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("content-security-policy", csp);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
  if (production && https)
    res.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return res;
}

export const config = {
  matcher: [
    // Everything except build assets; prefetches included (they carry the page's headers too).
    "/((?!_next/static|_next/image|favicon.ico).*)",
  ],
};
