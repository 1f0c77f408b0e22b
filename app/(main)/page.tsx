import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getActor } from "@/server/auth/current";

/** The start page: only the areas the visitor can open (support staff see their console). */
export default async function HomePage() {
  const t = await getTranslations("home");
  const actor = await getActor();
  const first =
    actor?.role === "support"
      ? ({ key: "support", href: "/support" } as const)
      : ({ key: "customers", href: "/connections" } as const);
  const areas = [first, { key: "providers", href: "/guide" } as const];
  return (
    <div className="space-y-8 sm:space-y-10">
      <section className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight text-brand-900 sm:text-4xl">{t("title")}</h1>
        <p className="max-w-2xl text-lg text-slate-700">{t("intro")}</p>
      </section>
      <ul className="grid gap-6 md:grid-cols-2">
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
