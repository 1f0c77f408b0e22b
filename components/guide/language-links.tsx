import { LOCALES, type Locale } from "@/lib/i18n/config";

const NAMES: Record<Locale, string> = { en: "English", nl: "Nederlands" };

/** Plain links between the prerendered language versions: no cookie, no script needed. */
export function LanguageLinks({
  current,
  label,
  hrefFor,
}: {
  current: Locale;
  label: string;
  hrefFor: (locale: Locale) => string;
}) {
  return (
    <nav aria-label={label} className="no-print">
      <ul className="flex gap-1 text-sm font-medium">
        {LOCALES.map((l) => (
          <li key={l}>
            <a
              href={hrefFor(l)}
              hrefLang={l}
              lang={l}
              aria-current={l === current ? "page" : undefined}
              className={
                l === current
                  ? "rounded-md bg-brand-50 px-3 py-1.5 text-brand-900 ring-1 ring-brand-100"
                  : "rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100"
              }
            >
              {NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
