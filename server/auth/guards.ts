import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Actor } from "./actor";
import { getActor } from "./current";

/**
 * For pages (server components): anonymous visitors go to the sign-in page and come back to
 * `returnTo` afterwards. Server actions and route handlers use requireActor() instead (an error
 * value, not a redirect).
 */
async function requirePageActor(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** Pages for every signed-in user; the service behind them decides what each role sees. */
export const requireSignedInPage = requirePageActor;

/** Support pages: customers get the same "not found" as for anything they may not see. */
export async function requireSupportPage(returnTo: string): Promise<Actor> {
  const actor = await requirePageActor(returnTo);
  if (actor.role !== "support") notFound();
  return actor;
}

/**
 * Customer pages (the wizard and its handoff links): support staff are sent to their console,
 * where they read connections without being able to change credentials.
 */
export async function requireCustomerPage(returnTo: string): Promise<Actor> {
  const actor = await requirePageActor(returnTo);
  // The console says why they landed there instead of the wizard (?from=customer-page).
  if (actor.role !== "customer") redirect("/support?from=customer-page");
  return actor;
}
