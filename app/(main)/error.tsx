"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <div role="alert" className="space-y-4">
      <h1 className="text-2xl font-bold">{t("error.title")}</h1>
      <p>{t("error.body")}</p>
      <Button onClick={reset}>{t("error.retry")}</Button>
    </div>
  );
}
