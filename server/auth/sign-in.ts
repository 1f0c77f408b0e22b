import "server-only";
import { isAPIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { beginSignInAttempt, signInSucceeded } from "@/db/queries/sign-in-throttle";
import { organizations, users } from "@/db/schema";
import { audit } from "@/server/audit";
import { CLIENT_IP_HEADER } from "@/server/http/front.mjs";
import type { Role } from "./access";
import { type Auth, PASSWORD_MAX } from "./server";
import { actorLabel } from "./session";
import { STAFF_ORGANIZATION } from "./users";

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(PASSWORD_MAX),
});

export type SignInOutcome =
  | { ok: true; userId: string; role: Role; headers: Headers }
  | { ok: false; code: "validation" | "invalid_credentials" }
  | { ok: false; code: "rate_limited"; retryAfterSeconds: number };

async function findUser(db: Db, email: string) {
  const rows = await db
    .select({ id: users.id, role: users.role, organizationId: users.organizationId })
    .from(users)
    .where(eq(users.email, email));
  return rows[0];
}

/**
 * Checks e-mail + password through better-auth and starts a session (its Set-Cookie is in
 * `headers`; inside a server action the nextCookies plugin also sets it). Wrong e-mail and
 * wrong password give the same answer. Audited: each success, and failures of known users.
 */
export async function signIn(
  deps: { db: Db; auth: Auth },
  raw: { email: unknown; password: unknown },
  ctx: { headers: Headers; clientIp: string },
): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "validation" };
  const { email, password } = parsed.data;

  const attempt = await beginSignInAttempt(deps.db, { email, ip: ctx.clientIp });
  const user = await findUser(deps.db, email);
  if (!attempt.ok) {
    await auditAttempt(deps.db, user, email, "auth.sign_in_throttled", {
      ip: ctx.clientIp,
      retryAfterSeconds: attempt.retryAfterSeconds,
    });
    return { ok: false, code: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  }
  let result: Awaited<ReturnType<typeof trySignIn>>;
  try {
    result = await trySignIn(deps.auth, email, password, ctx.headers);
  } catch (err) {
    if (!isAPIError(err)) throw err;
    await auditAttempt(deps.db, user, email, "auth.sign_in_failed", { ip: ctx.clientIp });
    return { ok: false, code: "invalid_credentials" };
  }
  const signedIn = user ?? (await findUser(deps.db, email));
  // A login without an app user (or organization) cannot act: treat it as unknown.
  if (!signedIn?.organizationId || signedIn.id !== result.response.user.id) {
    await auditAttempt(deps.db, signedIn, email, "auth.sign_in_failed", {
      ip: ctx.clientIp,
      reason: "no_app_user",
    });
    return { ok: false, code: "invalid_credentials" };
  }
  await signInSucceeded(deps.db, { email, ip: ctx.clientIp, ids: attempt.ids });
  await audit(
    deps.db,
    { userId: signedIn.id, label: actorLabel(signedIn.role, email) },
    { organizationId: signedIn.organizationId },
    "auth.signed_in",
    { ip: ctx.clientIp },
  );
  return { ok: true, userId: signedIn.id, role: signedIn.role, headers: result.headers };
}

/**
 * Every attempt is audited: under the user's organization, or for an unknown e-mail under the
 * support staff's (where support reads it); nothing when neither exists yet.
 */
async function auditAttempt(
  db: Db,
  user: { id: string; organizationId: string | null } | undefined,
  email: string,
  action: string,
  details: Record<string, string | number>,
) {
  let orgId = user?.organizationId ?? null;
  if (!orgId) {
    const staff = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, STAFF_ORGANIZATION))
      .limit(1);
    orgId = staff[0]?.id ?? null;
  }
  if (!orgId) return;
  await audit(
    db,
    { userId: null, label: "anonymous" },
    { organizationId: orgId },
    action,
    user ? { userId: user.id, ...details } : { email: email.slice(0, 254), ...details },
  );
}

function trySignIn(auth: Auth, email: string, password: string, headers: Headers) {
  return auth.api.signInEmail({ body: { email, password, rememberMe: true }, headers, returnHeaders: true });
}

/**
 * The address for every per-IP limit: only the header the HTTP front (server/http/front.mjs)
 * overwrites on each request from the socket or TRUSTED_PROXIES; X-Forwarded-For is never read
 * here, since a client can send anything in it.
 */
export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER)?.trim() || "unknown";
}

/** Only same-site paths: `next=//evil.example` or `next=https://…` would be an open redirect. */
export function safeNextPath(next: unknown, fallback: string): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return fallback;
  }
  if (next.length > 500 || [...next].some((c) => c.charCodeAt(0) < 0x20 || c === "\\")) return fallback;
  return next;
}
