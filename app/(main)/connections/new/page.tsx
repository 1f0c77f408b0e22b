import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Wizard } from "@/components/connection/wizard";
import { requireActor } from "@/lib/auth/actor";
import { guideUrl, viewerLocale } from "@/lib/connections/page-data";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("wizard.title");
  return { title: t("metaNew") };
}

export default async function NewConnectionPage({
  searchParams,
}: {
  searchParams: Promise<{ step?: string }>;
}) {
  await requireActor();
  const { step } = await searchParams;
  return (
    <Wizard
      initial={null}
      initialStep={step === "credentials" ? "credentials" : "start"}
      guideUrl={await guideUrl()}
      locale={await viewerLocale()}
    />
  );
}
