import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { pickGuideLocale } from "./pick-locale";

/**
 * /guide → /guide/<locale>. A relative Location (RFC 9110 §10.2.2) keeps the public host; the
 * browser carries a #fragment over the redirect, so /guide#step-4 still lands on step 4.
 */
export async function GET(): Promise<Response> {
  const locale = pickGuideLocale(
    (await cookies()).get(LOCALE_COOKIE)?.value,
    (await headers()).get("accept-language"),
  );
  return new Response(null, {
    status: 307,
    headers: {
      Location: `/guide/${locale}`,
      Vary: "Cookie, Accept-Language",
      "Cache-Control": "private, no-store",
    },
  });
}
