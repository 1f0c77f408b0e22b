import "server-only";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { env } from "@/lib/env";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { clientIpFrom } from "@/server/auth/sign-in";

/** The viewer's locale as the advice texts need it. */
export async function viewerLocale(): Promise<Locale> {
  const l = await getLocale();
  return isLocale(l) ? l : "en";
}

/** This site's origin for absolute links: APP_URL's, else the one the request was addressed to. */
export async function appOrigin(): Promise<string> {
  const appUrl = env().APP_URL;
  if (appUrl) return new URL(appUrl).origin;
  const h = await headers();
  const host = h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

/** The absolute link to the provider guide, for copying and e-mailing. */
export async function guideUrl(): Promise<string> {
  return `${await appOrigin()}/guide`;
}

/**
 * The client's address for the per-IP limits, for a route handler's Request: the header the HTTP
 * front (server/http/front.mjs) sets from the socket or TRUSTED_PROXIES, never X-Forwarded-For.
 */
export function clientIpOf(req: Request): string {
  return clientIpFrom(req.headers);
}
