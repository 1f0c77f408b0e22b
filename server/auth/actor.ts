import "server-only";
import { AppError } from "@/lib/errors";
import { getActor } from "./current";

/**
 * Who is acting: the signed-in user behind the request's session (server/auth/current.ts). Every
 * read and write of the wizard goes through `organizationId` (customers) or orgScope() (support).
 */
export type Actor = {
  userId: string | null;
  organizationId: string;
  role: "customer" | "support";
  /** For audit events: an e-mail, "support: jane@example.com". */
  label: string;
};

/** The current actor for server actions and route handlers; unauthenticated (401) without a session. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("unauthenticated", "no session");
  return actor;
}
