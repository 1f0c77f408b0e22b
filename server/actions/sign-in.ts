"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getAuth } from "@/server/auth/server";
import { clientIpFrom, safeNextPath, signIn } from "@/server/auth/sign-in";

export type SignInState = {
  error?: "invalid_credentials" | "validation" | "rate_limited" | "internal";
  retryAfterSeconds?: number;
  /** Typed e-mail, kept so a failed attempt does not empty the form (never the password). */
  email?: string;
};

/** The sign-in form's action (Next checks its Origin; proxy.ts refuses a missing one). */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = form.get("email");
  const typed = typeof email === "string" ? email.slice(0, 254) : "";
  let role: "customer" | "support";
  try {
    const h = await headers();
    const r = await signIn(
      { db: await getDb(), auth: await getAuth() },
      { email, password: form.get("password") },
      { headers: h, clientIp: clientIpFrom(h) },
    );
    if (!r.ok) {
      return r.code === "rate_limited"
        ? { error: r.code, retryAfterSeconds: r.retryAfterSeconds, email: typed }
        : { error: r.code, email: typed };
    }
    role = r.role;
  } catch (err) {
    console.error("[auth] sign-in failed:", err instanceof Error ? err.message : "unknown error");
    return { error: "internal", email: typed };
  }
  // Outside the try: redirect() works by throwing.
  redirect(safeNextPath(form.get("next"), role === "support" ? "/support" : "/connections"));
}
