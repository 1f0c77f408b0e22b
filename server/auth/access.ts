import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Authorization rules, applied where data is read and written (db/queries, server actions,
 * route handlers), never only in the proxy. Structural types, so any actor with a role and an
 * organization fits (server/auth/actor.ts's `Actor` does).
 */
export type Role = "customer" | "support";
export type RoleBearer = { role: Role; organizationId: string };

/** The organization whose rows the actor may read: `null` means every organization (support). */
export function orgScope(actor: RoleBearer): string | null {
  return actor.role === "support" ? null : actor.organizationId;
}

export function isSupport(actor: RoleBearer | null | undefined): boolean {
  return actor?.role === "support";
}

/** Support-console queries and actions start with this. */
export function assertSupport(actor: RoleBearer | null | undefined): asserts actor is RoleBearer {
  if (!actor) throw new AppError("unauthenticated", "no session");
  if (actor.role !== "support") throw new AppError("forbidden", `role ${actor.role} is not support`);
}

/**
 * Customer-only operations (save credentials, activate, deactivate in the wizard): support staff
 * are read-only on SIP credentials, so they must not set or replace a password either.
 */
export function assertCustomer(actor: RoleBearer | null | undefined): asserts actor is RoleBearer {
  if (!actor) throw new AppError("unauthenticated", "no session");
  if (actor.role !== "customer")
    throw new AppError("forbidden", `role ${actor.role} may not change credentials`);
}
