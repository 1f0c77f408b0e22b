import "server-only";
import { count, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { passwordHasher } from "./server";
import { createUser } from "./users";

/**
 * Development only: a fresh database has no accounts, and a newcomer who just ran
 * `npm install && npm run dev` should be able to sign in at once. These demo accounts are
 * created when the users table is empty and NODE_ENV is "development"; production never has them
 * (there, `npm run user:create` makes accounts).
 */
export const DEV_ACCOUNTS = [
  { email: "customer@demo.test", password: "demo-customer-pw", role: "customer", org: "Demo company" },
  { email: "support@demo.test", password: "demo-support-pw", role: "support", org: undefined },
] as const;

type DevGlobal = typeof globalThis & { __pcDevAccounts?: Promise<boolean> };
const holder = globalThis as DevGlobal;

/** Resolves to true when the demo accounts exist (created now or before) in development. */
export function ensureDevAccounts(): Promise<boolean> {
  if (env().NODE_ENV !== "development") return Promise.resolve(false);
  holder.__pcDevAccounts ??= (async () => {
    const db = await getDb();
    const [row] = await db.select({ n: count() }).from(users);
    if ((row?.n ?? 0) === 0) {
      const hash = await passwordHasher(db);
      for (const a of DEV_ACCOUNTS) {
        await createUser(db, hash, { email: a.email, password: a.password, role: a.role, org: a.org });
      }
      console.warn("[dev] Created the demo accounts shown on the sign-in page.");
    }
    const found = await db
      .select({ email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          DEV_ACCOUNTS.map((a) => a.email),
        ),
      );
    return found.length === DEV_ACCOUNTS.length;
  })().catch((err: unknown) => {
    holder.__pcDevAccounts = undefined;
    throw err;
  });
  return holder.__pcDevAccounts;
}
