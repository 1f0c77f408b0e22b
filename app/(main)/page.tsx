import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default async function HomePage() {
  const t = await getTranslations("home");
  const areas = [
    { key: "customers", href: "/connections" },
    { key: "providers", href: "/guide" },
    { key: "support", href: "/support" },
  ] as const;
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-brand-900 sm:text-4xl">{t("title")}</h1>
        <p className="max-w-2xl text-lg text-slate-700">{t("intro")}</p>
      </section>
      <ul className="grid gap-6 md:grid-cols-3">
        {areas.map((a) => (
          <li key={a.key}>
            <Card className="flex h-full flex-col gap-3">
              <h2 className="text-xl font-semibold">{t(`${a.key}.title`)}</h2>
              <p className="flex-1 text-slate-700">{t(`${a.key}.body`)}</p>
              <Link href={a.href} className={buttonClass("primary", "self-start")}>
                {t(`${a.key}.cta`)}
              </Link>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
