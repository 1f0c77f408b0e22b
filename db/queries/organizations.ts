import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { organizations } from "../schema";

export type Organization = typeof organizations.$inferSelect;

export async function createOrganization(
  db: Db,
  input: { name: string; id?: string },
): Promise<Organization> {
  const rows = await db.insert(organizations).values(input).returning();
  const row = rows[0];
  if (!row) throw new Error("insert into organizations returned no row");
  return row;
}

export async function getOrganization(db: Db, id: string): Promise<Organization | undefined> {
  const rows = await db.select().from(organizations).where(eq(organizations.id, id));
  return rows[0];
}

/** Until sign-in exists (its own issue), every visitor acts for this one organization. */
export const DEMO_ORGANIZATION_ID = "00000000-0000-4000-8000-000000000001";

export async function ensureDemoOrganization(db: Db): Promise<Organization> {
  await db
    .insert(organizations)
    .values({ id: DEMO_ORGANIZATION_ID, name: "Demo organization" })
    .onConflictDoNothing({ target: organizations.id });
  const org = await getOrganization(db, DEMO_ORGANIZATION_ID);
  if (!org) throw new Error("demo organization missing after insert");
  return org;
}
