import "server-only";
import { AppError } from "@/lib/errors";
import { getActor } from "./current";

/**
 * Who is acting: the signed-in user behind this request's session cookie (lib/auth/current.ts).
 * Every read and write goes through `organizationId` (customers: their own organization) or
 * `orgScope()` (support: every organization), so authorization happens where the data is.
 */
export type Actor = {
  userId: string | null;
  organizationId: string;
  role: "customer" | "support";
  /** For audit events: the e-mail address, or "support: <e-mail>". */
  label: string;
};

/** The current actor; throws AppError("unauthenticated") (HTTP 401) when nobody is signed in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("unauthenticated", "no valid session");
  return actor;
}
