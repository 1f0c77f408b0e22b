import { setRequestLocale } from "next-intl/server";
import { Guide } from "@/components/guide/guide";
import { isLocale } from "@/lib/i18n/config";

export default async function GuidePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  // The layout has already turned unknown locales into a 404 (dynamicParams = false).
  const l = isLocale(locale) ? locale : "en";
  setRequestLocale(l);
  return <Guide locale={l} />;
}
