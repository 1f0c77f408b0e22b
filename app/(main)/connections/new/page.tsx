import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Wizard } from "@/components/connection/wizard";
import { requireCustomerPage } from "@/server/auth/guards";
import { guideUrl, viewerLocale } from "@/server/connections/page-data";

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
  const { step } = await searchParams;
  await requireCustomerPage(step ? `/connections/new?step=${encodeURIComponent(step)}` : "/connections/new");
  return (
    <Wizard
      initial={null}
      initialStep={step === "credentials" ? "credentials" : "start"}
      guideUrl={await guideUrl()}
      locale={await viewerLocale()}
    />
  );
}
