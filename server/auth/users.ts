import "server-only";
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { authAccounts, authUsers } from "@/db/auth-schema";
import type { Db } from "@/db/client";
import { organizations, type UserRole, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { PASSWORD_MAX, PASSWORD_MIN } from "./server";

/** Support staff without --org belong to this organization (audit events need one). */
export const STAFF_ORGANIZATION = "Support staff";

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
  role: z.enum(["customer", "support"]),
  org: z.string().trim().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export type CreatedUser = {
  id: string;
  email: string;
  role: UserRole;
  organizationId: string;
  organizationName: string;
  organizationCreated: boolean;
};

/** Hashes like better-auth's sign-in verifies (its context's hasher, scrypt by default). */
export type PasswordHasher = (password: string) => Promise<string>;

async function findOrCreateOrg(tx: Db, name: string): Promise<{ id: string; created: boolean }> {
  const found = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, name))
    .orderBy(asc(organizations.createdAt))
    .limit(1);
  if (found[0]) return { id: found[0].id, created: false };
  const rows = await tx.insert(organizations).values({ name }).returning({ id: organizations.id });
  const row = rows[0];
  if (!row) throw new Error("insert into organizations returned no row");
  return { id: row.id, created: true };
}

/**
 * Creates an app user and its login in one transaction: `users` (role, organization),
 * `auth_users` (same id) and the credential account holding the password hash. The password
 * itself is never stored, logged or returned. An e-mail that exists already is a conflict.
 */
export async function createUser(db: Db, hash: PasswordHasher, raw: CreateUserInput): Promise<CreatedUser> {
  const input = createUserSchema.parse(raw);
  const orgName = input.org ?? (input.role === "support" ? STAFF_ORGANIZATION : undefined);
  if (!orgName) {
    throw new AppError("validation", "a customer needs --org", {
      userMessage: "A customer belongs to an organization: pass --org NAME.",
      fieldErrors: { org: ["validation.required"] },
    });
  }
  const passwordHash = await hash(input.password);
  const name = input.name ?? input.email;
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing.length > 0) {
      throw new AppError("conflict", `user ${input.email} exists`, {
        userMessage: `A user with the e-mail address ${input.email} already exists.`,
      });
    }
    const org = await findOrCreateOrg(tx, orgName);
    const id = randomUUID();
    await tx.insert(users).values({ id, email: input.email, name, role: input.role, organizationId: org.id });
    await tx.insert(authUsers).values({ id, email: input.email, name, emailVerified: true });
    await tx.insert(authAccounts).values({
      id: randomUUID(),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: passwordHash,
    });
    return {
      id,
      email: input.email,
      role: input.role,
      organizationId: org.id,
      organizationName: orgName,
      organizationCreated: org.created,
    };
  });
}

export type AppUser = { id: string; email: string; role: UserRole; organizationId: string | null };

/** The app's view of a signed-in user: role and organization come from `users`, nowhere else. */
export async function getAppUser(db: Db, id: string): Promise<AppUser | undefined> {
  const rows = await db
    .select({ id: users.id, email: users.email, role: users.role, organizationId: users.organizationId })
    .from(users)
    .where(eq(users.id, id));
  return rows[0];
}
