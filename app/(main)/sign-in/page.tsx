import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { getActor } from "@/server/auth/current";
import { DEV_ACCOUNTS, ensureDevAccounts } from "@/server/auth/dev-accounts";
import { safeNextPath } from "@/server/auth/sign-in";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title"), robots: { index: false } };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next: raw } = await searchParams;
  const actor = await getActor();
  const fallback = actor?.role === "support" ? "/support" : "/connections";
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw, "");
  if (actor) redirect(next || fallback);
  const t = await getTranslations("auth.signIn");
  const showDemo = await ensureDevAccounts();
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-2 mb-6 text-sm text-slate-700">{t("intro")}</p>
        <SignInForm next={next} />
        <p className="mt-6 text-xs text-slate-600">{t("noAccount")}</p>
        {showDemo ? (
          <aside
            className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm"
            aria-label={t("demo.title")}
          >
            <h2 className="font-semibold">{t("demo.title")}</h2>
            <p className="mt-1 text-slate-700">{t("demo.body")}</p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs">
              {DEV_ACCOUNTS.map((a) => (
                <div key={a.email} className="contents">
                  <dt>{t(`demo.${a.role}`)}</dt>
                  <dd>
                    {a.email} / {a.password}
                  </dd>
                </div>
              ))}
            </dl>
          </aside>
        ) : null}
      </Card>
    </div>
  );
}
