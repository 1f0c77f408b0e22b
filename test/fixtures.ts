/**
 * Shared test fixtures: an organization with its customer, and SIP account form values. Tests
 * override only what they are about, so the defaults stay the same everywhere.
 */
import type { Db } from "@/db/client";
import { createOrganization } from "@/db/queries/organizations";
import type { Actor } from "@/server/auth/actor";

/** A new organization and a customer acting for it (no user row: services take the Actor as given). */
export async function customerOf(db: Db, name: string): Promise<Actor> {
  const org = await createOrganization(db, { name });
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return { userId: null, organizationId: org.id, role: "customer", label: `${slug}@example.com` };
}

/** Support staff, acting from the given organization. */
export const supportOf = (organizationId: string, label = "support: staff@example.com"): Actor => ({
  userId: null,
  organizationId,
  role: "support",
  label,
});

/** The wizard's form values for one SIP account, as the browser sends them (empty = not given). */
export const sipAccountValues = (over: Record<string, unknown> = {}) => ({
  label: "Reception",
  sipUsername: "1050",
  sipPassword: "pw-1050",
  sipDomain: "pbx.example.com",
  transport: "auto",
  port: "",
  authUsername: "",
  outboundProxy: "",
  ...over,
});
