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
