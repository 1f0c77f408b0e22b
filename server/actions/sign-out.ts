"use server";
import { redirect } from "next/navigation";
import { signOut } from "@/server/auth/sign-out";

/** Ends the session (nextCookies plugin clears the cookie) and returns to the home page. */
export async function signOutAction(): Promise<void> {
  await signOut();
  redirect("/");
}
