import type { AbstractIntlMessages } from "next-intl";

/**
 * The messages client components of the main app read (useTranslations in "use client" code and
 * what it imports). Only these travel to the browser in NextIntlClientProvider; server
 * components keep using the full set on the server. A client component reading another
 * namespace must add it here (it would show the key otherwise; the e2e specs would notice).
 */
export const MAIN_CLIENT_MESSAGES = [
  "common",
  "validation",
  "wizard",
  "auth.signIn",
  "support.detail",
  "guide.handoff",
] as const;

/** The alert settings page: its forms and their result (a provider of its own on that page). */
export const ALERTS_CLIENT_MESSAGES = ["common", "validation", "alerts"] as const;

/** The provider's handoff page: its form, the shared SIP fields, the result. */
export const HANDOFF_CLIENT_MESSAGES = ["common", "validation", "wizard", "guide.handoff"] as const;

type Tree = AbstractIntlMessages;
const isTree = (v: unknown): v is Tree => typeof v === "object" && v !== null && !Array.isArray(v);

/** A copy of `all` holding only the given dotted paths (a namespace or a sub-tree of one). */
export function pickMessages(all: Tree, paths: readonly string[]): Tree {
  const out: Tree = {};
  for (const path of paths) {
    const keys = path.split(".");
    let src: unknown = all;
    for (const k of keys) src = isTree(src) ? src[k] : undefined;
    if (src === undefined) continue;
    let dst = out;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) {
        dst[k] = src as Tree[string];
        return;
      }
      const next = dst[k];
      const child: Tree = isTree(next) ? next : {};
      dst[k] = child;
      dst = child;
    });
  }
  return out;
}
