import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { betterAuth } from "better-auth/minimal";
import { nextCookies } from "better-auth/next-js";
import { authSchema } from "@/db/auth-schema";
import { type Db, getDb } from "@/db/client";
import { env } from "@/lib/env";
import { CLIENT_IP_HEADER } from "@/server/http/front.mjs";

/**
 * better-auth, e-mail + password only. Accounts are created by `npm run user:create`
 * (server/auth/users.ts), never by the public: sign-up and every self-service path is disabled.
 * Sessions live in auth_sessions; the cookie is HttpOnly, SameSite=Lax, Secure in production
 * (and then `__Secure-` prefixed).
 */

export const SESSION_COOKIE_PREFIX = "pc";
export const DEFAULT_APP_URL = "http://localhost:3000";
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
const WEEK = 60 * 60 * 24 * 7;

/** Paths of better-auth's router nobody needs here; each one closed is one less to defend. */
const DISABLED_PATHS = [
  "/sign-up/email",
  "/update-user",
  "/delete-user",
  "/change-email",
  "/request-password-reset",
  "/reset-password",
  "/send-verification-email",
  "/verify-email",
  "/link-social",
  "/unlink-account",
  "/list-accounts",
  "/set-password",
  // One sign-in path: the app's form (sign-in.ts) calls the library on the server, with its own
  // limits and audit; the library's HTTP route would skip both.
  "/sign-in/email",
  // These return the raw session token as JSON to page scripts; the app reads sessions on the
  // server only (session.ts), so the cookie stays HttpOnly in effect too.
  "/get-session",
  "/list-sessions",
];

export type AuthConfig = {
  db: Db;
  secret: string;
  baseURL?: string;
  production: boolean;
  /** Off in tests: the nextCookies plugin needs a Next request scope. */
  nextCookies?: boolean;
};

export function createAuth(c: AuthConfig) {
  return betterAuth({
    appName: "Phone Connection",
    baseURL: c.baseURL,
    secret: c.secret,
    database: drizzleAdapter(c.db, { provider: "pg", schema: authSchema }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
    },
    session: { expiresIn: WEEK, updateAge: 60 * 60 * 24, cookieCache: { enabled: false } },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: c.production,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: c.production, path: "/" },
      // Only the address the HTTP front set from the socket (server/http/front.mjs).
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    trustedOrigins: c.baseURL ? [new URL(c.baseURL).origin] : [],
    // Counts requests through the HTTP handler; the sign-in form's own limit is in sign-in.ts.
    rateLimit: { enabled: true, window: 60, max: 20 },
    disabledPaths: DISABLED_PATHS,
    telemetry: { enabled: false },
    plugins: c.nextCookies === false ? [] : [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * AUTH_SECRET signs the session cookie. Required in production; in development a secret is
 * generated once into DATA_DIR (like the credential key), so a newcomer needs no set-up.
 */
function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) {
    if (e.AUTH_SECRET.length < 32) throw new Error("AUTH_SECRET must be at least 32 characters.");
    return e.AUTH_SECRET;
  }
  if (e.NODE_ENV === "production")
    throw new Error("AUTH_SECRET must be set in production; refusing to start.");
  const file = join(e.DATA_DIR, "auth-secret");
  mkdirSync(e.DATA_DIR, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
    console.warn(`[auth] AUTH_SECRET is not set: generated a development secret in ${file}.`);
  } catch (err) {
    if (!(err instanceof Error && "code" in err && err.code === "EEXIST")) throw err;
  }
  return readFileSync(file, "utf8").trim();
}

type AuthGlobal = typeof globalThis & { __pcAuth?: Promise<Auth> };
const holder = globalThis as AuthGlobal;

/** The process's auth instance (cached like the database, so hot reload keeps one). */
export function getAuth(): Promise<Auth> {
  if (!holder.__pcAuth) {
    const opening = getDb().then((db) => {
      const e = env();
      return createAuth({
        db,
        secret: authSecret(),
        // Never unset: the library warns and guesses from each request otherwise.
        baseURL: e.APP_URL ?? DEFAULT_APP_URL,
        production: e.NODE_ENV === "production",
      });
    });
    holder.__pcAuth = opening;
    opening.catch(() => {
      if (holder.__pcAuth === opening) holder.__pcAuth = undefined;
    });
  }
  return holder.__pcAuth;
}

/**
 * The password hasher sign-in verifies against (better-auth's context; scrypt by default), for
 * code that creates users outside a request (user:create, the e2e seed). Its throw-away secret
 * signs nothing.
 */
export async function passwordHasher(db: Db): Promise<(password: string) => Promise<string>> {
  const auth = createAuth({
    db,
    secret: randomBytes(32).toString("base64"),
    baseURL: "http://localhost",
    production: false,
    nextCookies: false,
  });
  const ctx = await auth.$context;
  return (password) => ctx.password.hash(password);
}
