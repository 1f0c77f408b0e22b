import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { UserNav } from "./auth/user-nav";
import { LanguageSwitcher } from "./language-switcher";

export async function SiteHeader() {
  const t = await getTranslations("common");
  const locale = await getLocale();
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <nav
        aria-label={t("nav.label")}
        className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
      >
        <Link href="/" className="text-lg font-bold text-brand-900">
          {t("product")}
        </Link>
        <ul className="flex flex-wrap gap-4 text-sm font-medium">
          <li>
            <Link className="hover:underline" href="/connections">
              {t("nav.connections")}
            </Link>
          </li>
          <li>
            <Link className="hover:underline" href="/guide">
              {t("nav.guide")}
            </Link>
          </li>
          <li>
            <Link className="hover:underline" href="/support">
              {t("nav.support")}
            </Link>
          </li>
        </ul>
        <div className="ml-auto flex flex-wrap items-center gap-4">
          <UserNav />
          <LanguageSwitcher current={isLocale(locale) ? locale : "en"} label={t("language")} />
        </div>
      </nav>
    </header>
  );
}
