import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";

/**
 * The guide language for a visitor without a locale in the URL: the `pc_locale` cookie wins,
 * then the best Accept-Language match by q-value (RFC 9110 §12.5.4), then English.
 */
export function pickGuideLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [tag = "", ...params] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (!isLocale(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale: primary, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
