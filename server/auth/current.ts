import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { assertSupport } from "./access";
import type { Actor } from "./actor";
import { getAuth } from "./server";
import { actorFromHeaders } from "./session";

/**
 * The signed-in user behind this request's session cookie, as an Actor. server/auth/actor.ts's
 * requireActor() delegates here; every read and write goes through `organizationId`
 * (customers) or `orgScope()` (support: all organizations).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const [auth, db] = await Promise.all([getAuth(), getDb()]);
  const a = await actorFromHeaders({ auth, db }, await headers());
  return a ? { userId: a.userId, organizationId: a.organizationId, role: a.role, label: a.label } : null;
});

/** A support-staff actor; unauthenticated (401) or forbidden (403) otherwise. */
export async function requireSupport(): Promise<Actor> {
  const actor = await getActor();
  assertSupport(actor);
  return actor;
}
