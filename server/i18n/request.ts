import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { type AppLocale, DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, NAMESPACES } from "@/lib/i18n/config";

/** The cookie wins; otherwise the browser's Accept-Language; otherwise English. */
async function pickLocale(): Promise<AppLocale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  const accept = (await headers()).get("accept-language") ?? "";
  const first = accept.split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return isLocale(first) ? first : DEFAULT_LOCALE;
}

export async function loadMessages(locale: AppLocale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => {
      try {
        const mod = (await import(`../../messages/${locale}/${ns}.json`)) as { default: unknown };
        return [ns, mod.default] as const;
      } catch {
        return [ns, {}] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export default getRequestConfig(async ({ requestLocale }) => {
  // Statically rendered pages (the provider guide) carry the locale in the URL and set it with
  // setRequestLocale; everything else uses the cookie.
  const fromUrl = await requestLocale;
  const locale = isLocale(fromUrl) ? fromUrl : await pickLocale();
  return { locale, messages: await loadMessages(locale) };
});
