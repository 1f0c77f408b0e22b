export const LOCALES = ["en", "nl"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "pc_locale";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/**
 * Message namespaces: one JSON file per area under messages/<locale>/<namespace>.json, so each
 * part of the app keeps its own texts. Add a namespace here when adding a file.
 */
export const NAMESPACES = [
  "common",
  "home",
  "validation",
  "guide",
  "wizard",
  "support",
  "auth",
  "monitor",
  "alerts",
] as const;
