import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { getActor } from "@/server/auth/current";
import { UserNav } from "./auth/user-nav";
import { LanguageSwitcher } from "./language-switcher";

/**
 * The signed-in app's header. Links follow the role: customers (and visitors) get their
 * connections, support staff their console; nobody is shown a page they cannot open. One row on
 * a desktop; on a phone the links wrap to a second row.
 */
export async function SiteHeader() {
  const t = await getTranslations("common");
  const locale = await getLocale();
  const actor = await getActor();
  const links =
    actor?.role === "support"
      ? [
          { href: "/support", label: t("nav.support") },
          { href: "/guide", label: t("nav.guide") },
        ]
      : [
          { href: "/connections", label: t("nav.connections") },
          // Signed-in customers only: a visitor would be sent to the sign-in page.
          ...(actor?.role === "customer" ? [{ href: "/settings/alerts", label: t("nav.alerts") }] : []),
          { href: "/guide", label: t("nav.guide") },
        ];
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <nav
        aria-label={t("nav.label")}
        className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 sm:gap-x-5 sm:py-3"
      >
        <Link href="/" className="whitespace-nowrap text-base font-bold text-brand-900 sm:text-lg">
          {t("product")}
        </Link>
        <ul className="order-last flex w-full gap-4 text-sm font-medium sm:order-none sm:w-auto">
          {links.map((l) => (
            <li key={l.href}>
              <Link className="whitespace-nowrap hover:underline" href={l.href}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          <UserNav />
          <LanguageSwitcher current={isLocale(locale) ? locale : "en"} label={t("language")} />
        </div>
      </nav>
    </header>
  );
}
