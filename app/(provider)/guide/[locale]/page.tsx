import { setRequestLocale } from "next-intl/server";
import { Guide } from "@/components/guide/guide";
import { isLocale } from "@/lib/i18n/config";

// The ports table and the printout show SIP_PUBLIC_ADDRESSES as configured at run time.
export const dynamic = "force-dynamic";

export default async function GuidePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  // The layout has already turned unknown locales into a 404.
  const l = isLocale(locale) ? locale : "en";
  setRequestLocale(l);
  return <Guide locale={l} />;
}
