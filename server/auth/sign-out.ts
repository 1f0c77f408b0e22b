import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { appendAudit } from "@/db/queries/audit";
import { getActor } from "./current";
import { getAuth } from "./server";

/** Ends the session server-side (the row is deleted), clears the cookie, and audits it. */
export async function signOut(): Promise<void> {
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
}
