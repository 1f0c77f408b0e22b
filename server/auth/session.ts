import "server-only";
import type { Db } from "@/db/client";
import type { Role } from "./access";
import type { Auth } from "./server";
import { getAppUser } from "./users";

/** Same shape as server/auth/actor.ts's Actor (kept there for the app; here for tests and scripts). */
export type SessionActor = {
  userId: string;
  organizationId: string;
  role: Role;
  label: string;
  email: string;
};

export function actorLabel(role: Role, email: string): string {
  return role === "support" ? `support: ${email}` : email;
}

/**
 * The signed-in user behind a request's session cookie, with role and organization read from
 * `users` on every request (a role change or a deleted user takes effect at once). Null when
 * there is no valid session, or the user has no organization left.
 */
export async function actorFromHeaders(
  deps: { auth: Auth; db: Db },
  headers: Headers,
): Promise<SessionActor | null> {
  const session = await deps.auth.api.getSession({ headers });
  if (!session) return null;
  const user = await getAppUser(deps.db, session.user.id);
  if (!user || user.organizationId === null) return null;
  return {
    userId: user.id,
    organizationId: user.organizationId,
    role: user.role,
    label: actorLabel(user.role, user.email),
    email: user.email,
  };
}
