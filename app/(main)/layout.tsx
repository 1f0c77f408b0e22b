import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { MAIN_CLIENT_MESSAGES, pickMessages } from "@/lib/i18n/client-messages";
import "../globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("product"), template: `%s · ${t("product")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  // Only what client components read goes to the browser; server components use the rest here.
  const clientMessages = pickMessages(await getMessages(), MAIN_CLIENT_MESSAGES);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider messages={clientMessages}>
          <SiteHeader />
          <main id="main" className="mx-auto max-w-5xl px-4 py-5 sm:py-8">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
