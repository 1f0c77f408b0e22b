"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { appendAudit } from "@/db/queries/audit";
import { getActor } from "@/lib/auth/current";
import { getAuth } from "@/lib/auth/server";

/** Ends the session server-side (the row is deleted) and clears the cookie (nextCookies plugin). */
export async function signOutAction(): Promise<void> {
  const actor = await getActor();
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  if (actor) {
    await appendAudit(await getDb(), {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: "auth.signed_out",
    });
  }
  redirect("/");
}
