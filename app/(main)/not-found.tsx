import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <Link className="text-brand-700 underline" href="/">
        {t("notFound.home")}
      </Link>
    </div>
  );
}
