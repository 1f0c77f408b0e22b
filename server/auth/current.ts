import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { assertSupport } from "./access";
import type { Actor } from "./actor";
import { getAuth } from "./server";
import { actorFromHeaders } from "./session";

/** The signed-in user behind this request's session cookie, as an Actor (once per request). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const [auth, db] = await Promise.all([getAuth(), getDb()]);
  const a = await actorFromHeaders({ auth, db }, await headers());
  return a ? { userId: a.userId, organizationId: a.organizationId, role: a.role, label: a.label } : null;
});

/** The current actor for server actions and route handlers; unauthenticated (401) without a session. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("unauthenticated", "no session");
  return actor;
}

/** A support-staff actor; unauthenticated (401) or forbidden (403) otherwise. */
export async function requireSupport(): Promise<Actor> {
  const actor = await getActor();
  assertSupport(actor);
  return actor;
}
