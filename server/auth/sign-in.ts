import "server-only";
import { isAPIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { appendAudit } from "@/db/queries/audit";
import { takeSlidingWindow } from "@/db/queries/rate-limits";
import { users } from "@/db/schema";
import type { Role } from "./access";
import { type Auth, PASSWORD_MAX } from "./server";
import { actorLabel } from "./session";

/** Guessing is slowed per account and per address; both counted in the database (all instances). */
export const SIGN_IN_LIMITS = {
  perEmail: { limit: 10, windowSeconds: 15 * 60 },
  perIp: { limit: 30, windowSeconds: 15 * 60 },
} as const;

export const signInSchema = z.object({
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

  for (const [bucket, key, rule] of [
    ["sign_in_ip", ctx.clientIp, SIGN_IN_LIMITS.perIp],
    ["sign_in_email", email, SIGN_IN_LIMITS.perEmail],
  ] as const) {
    const r = await takeSlidingWindow(deps.db, { bucket, key, ...rule });
    if (!r.ok) return { ok: false, code: "rate_limited", retryAfterSeconds: r.retryAfterSeconds };
  }

  const user = await findUser(deps.db, email);
  let result: Awaited<ReturnType<typeof trySignIn>>;
  try {
    result = await trySignIn(deps.auth, email, password, ctx.headers);
  } catch (err) {
    if (!isAPIError(err)) throw err;
    if (user?.organizationId) {
      await appendAudit(deps.db, {
        organizationId: user.organizationId,
        actorUserId: null,
        actorLabel: "anonymous",
        action: "auth.sign_in_failed",
        details: { userId: user.id, ip: ctx.clientIp },
      });
    }
    return { ok: false, code: "invalid_credentials" };
  }
  const signedIn = user ?? (await findUser(deps.db, email));
  // A login without an app user (or organization) cannot act: treat it as unknown.
  if (!signedIn?.organizationId || signedIn.id !== result.response.user.id) {
    return { ok: false, code: "invalid_credentials" };
  }
  await appendAudit(deps.db, {
    organizationId: signedIn.organizationId,
    actorUserId: signedIn.id,
    actorLabel: actorLabel(signedIn.role, email),
    action: "auth.signed_in",
    details: { ip: ctx.clientIp },
  });
  return { ok: true, userId: signedIn.id, role: signedIn.role, headers: result.headers };
}

function trySignIn(auth: Auth, email: string, password: string, headers: Headers) {
  return auth.api.signInEmail({ body: { email, password, rememberMe: true }, headers, returnHeaders: true });
}

/** The address for the per-IP limit: Next sets X-Forwarded-For from the socket when no proxy did. */
export function clientIpFrom(headers: Headers): string {
  return (
    headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "unknown"
  );
}

/** Only same-site paths: `next=//evil.example` or `next=https://…` would be an open redirect. */
export function safeNextPath(next: unknown, fallback: string): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return fallback;
  }
  if (next.length > 500 || [...next].some((c) => c.charCodeAt(0) < 0x20 || c === "\\")) return fallback;
  return next;
}
