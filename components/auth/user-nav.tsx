import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/server/actions/sign-out";
import { getActor } from "@/server/auth/current";

/** The header's account corner: who is signed in and a sign-out button, or a sign-in link. */
export async function UserNav() {
  const t = await getTranslations("auth.nav");
  const actor = await getActor();
  if (!actor) {
    return (
      <Link href="/sign-in" className="text-sm font-medium hover:underline">
        {t("signIn")}
      </Link>
    );
  }
  const email = actor.label.replace(/^support: /, "");
  return (
    <form action={signOutAction} className="flex min-w-0 items-center gap-3 text-sm">
      <span
        className="hidden max-w-56 truncate text-slate-700 md:inline"
        data-testid="signed-in-as"
        title={email}
      >
        <span className="sr-only">{t("signedInAs", { email })}</span>
        <span aria-hidden="true">{email}</span>
        {actor.role === "support" && ` (${t("support")})`}
      </span>
      <button type="submit" className="whitespace-nowrap font-medium text-brand-700 hover:underline">
        {t("signOut")}
      </button>
    </form>
  );
}
