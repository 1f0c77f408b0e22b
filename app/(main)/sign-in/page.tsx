import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/auth/current";
import { safeNextPath } from "@/lib/auth/sign-in";
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
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-2 mb-6 text-sm text-slate-700">{t("intro")}</p>
        <SignInForm next={next} />
        <p className="mt-6 text-xs text-slate-600">{t("noAccount")}</p>
      </Card>
    </div>
  );
}
