import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

/**
 * Signed-in browser tests. The users are created before the server starts, with the same code as
 * `npm run user:create` (e2e/fixtures/seed-users.ts); this reads their e-mails and passwords.
 *   customer  — organization "E2E Customer A"
 *   customerB — organization "E2E Customer B"
 *   support   — support staff (all organizations)
 */
export type E2eUserKey = "support" | "customer" | "customerB";
export type E2eUser = { email: string; password: string; role: "support" | "customer"; org: string };

export const USERS_FILE = join(process.cwd(), "e2e", ".state", "users.json");

export function e2eUser(key: E2eUserKey): E2eUser {
  let all: Partial<Record<E2eUserKey, E2eUser>>;
  try {
    all = JSON.parse(readFileSync(USERS_FILE, "utf8")) as Partial<Record<E2eUserKey, E2eUser>>;
  } catch (err) {
    throw new Error(
      `${USERS_FILE} is missing: the web server's start script (e2e/fixtures/start-server.mjs) seeds it. ${String(err)}`,
    );
  }
  const user = all[key];
  if (!user) throw new Error(`no e2e user "${key}" in ${USERS_FILE}`);
  return user;
}

/** Signs in through the real form and waits until the app has moved on from /sign-in. */
export async function signIn(page: Page, user: E2eUser | E2eUserKey, next?: string): Promise<E2eUser> {
  const u = typeof user === "string" ? e2eUser(user) : user;
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  await page.locator("#email").fill(u.email);
  await page.locator("#password").fill(u.password);
  await page
    .locator("form")
    .filter({ has: page.locator("#password") })
    .getByRole("button")
    .click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByTestId("signed-in-as")).toContainText(u.email);
  return u;
}

/** Signs out through the header's button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("signed-in-as").locator("..").getByRole("button").click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
}
