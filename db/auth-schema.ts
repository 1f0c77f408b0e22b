// No `import "server-only"` here: drizzle-kit loads this file outside Next.
import { boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./schema";

/**
 * better-auth's tables (server/auth/server.ts). Property names are better-auth's field names, so
 * its drizzle adapter needs no field mapping; SQL names are snake_case like the rest.
 *
 * Why not map better-auth's user model onto `users`: better-auth insists on columns our
 * `users` has no use for (email_verified, image, updated_at) and its adapter refuses to write a
 * field the table lacks. So `auth_users` holds the login identity and `users` the app's view
 * (role, organization); both rows share one id, `auth_users.id` references `users.id`, and
 * both are created together in one transaction (server/auth/users.ts). Deleting a user deletes
 * the login, its sessions and its password hash.
 */

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const authUsers = pgTable("auth_users", {
  id: text("id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: tz("created_at").notNull().defaultNow(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/** One row per signed-in browser; the cookie holds a signed copy of `token`. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: tz("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** The "credential" provider's row holds the password hash (scrypt, better-auth's format). */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: tz("access_token_expires_at"),
    refreshTokenExpiresAt: tz("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("auth_accounts_user_idx").on(t.userId)],
);

export const authVerifications = pgTable(
  "auth_verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: tz("expires_at").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("auth_verifications_identifier_idx").on(t.identifier)],
);

/** Keyed by better-auth's model names, as its drizzle adapter expects. */
export const authSchema = {
  user: authUsers,
  session: authSessions,
  account: authAccounts,
  verification: authVerifications,
};
