import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { adviceFor } from "@/lib/verdicts/advice";
import { e2eUser, signIn } from "./helpers/auth";
import { readState } from "./helpers/state";
import { expectAccessible, fillAccount, LABELS, pbxDomain, startNew } from "./helpers/wizard";

/**
 * The one-time handoff link: the customer creates it, the provider opens it in a
 * browser with no session, enters the SIP account of the real test PBX (Kamailio) and runs the
 * test; the customer sees the result; the link then refuses a second use. The expired link is
 * seeded by e2e/fixtures/seed-handoff.ts (a browser test cannot move the server's clock).
 */

const LABEL = "Front desk (handoff)";
const UUID_PATH = /\/connections\/([0-9a-f-]{36})$/;

function expiredToken(): string {
  const file = join(process.cwd(), "e2e", ".state", "handoff.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as { expiredToken?: string };
  if (!data.expiredToken) throw new Error(`${file} has no expiredToken: start-server.mjs seeds it`);
  return data.expiredToken;
}

test.describe.configure({ mode: "serial" });

/** The connection of the first test, for the isolation check at the end. */
let sharedConnectionId: string | undefined;

test("create → provider submits in a fresh context → customer sees the result → second use refused", async ({
  page,
  browser,
  baseURL,
}) => {
  const customer = await signIn(page, "customer");
  const { accounts } = readState();

  // The customer saves a draft connection (the details are not known yet) and opens its links.
  await startNew(page);
  await fillAccount(page, { label: LABEL, username: "unknown-yet", password: "", domain: "pbx.example.com" });
  await page.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(page).toHaveURL(UUID_PATH);
  const connectionId = UUID_PATH.exec(new URL(page.url()).pathname)?.[1];
  if (!connectionId) throw new Error("no connection id in the URL");
  sharedConnectionId = connectionId;

  await page.goto(`/connections/${connectionId}/handoff`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Let your telecom provider enter the details",
  );
  await expect(page.getByLabel("Link valid for")).toHaveValue("7");
  await page.getByRole("button", { name: "Create link" }).click();
  const url = (await page.getByTestId("handoff-url").textContent())?.trim() ?? "";
  expect(url).toMatch(/\/handoff\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("handoff-link").first()).toHaveAttribute("data-state", "pending");
  await expectAccessible(page, "customer handoff page");

  // The provider: a fresh browser context, no session cookie.
  const providerCtx = await browser.newContext({ baseURL, locale: "en-GB" });
  const provider = await providerCtx.newPage();
  await provider.goto(url);
  const banner = provider.getByTestId("handoff-banner");
  await expect(banner).toContainText(customer.org);
  await expect(banner).toContainText(LABEL);
  // The guide is all there, with the real form in place of the preview.
  await expect(provider.locator("h3#step-4")).toBeVisible();
  await expect(provider.getByRole("heading", { name: /Enter the SIP account/ })).toBeVisible();
  await expectAccessible(provider, "provider handoff page");

  await provider.getByLabel(LABELS.en.username, { exact: true }).fill(accounts.good.username);
  await provider.getByLabel(LABELS.en.password, { exact: true }).fill(accounts.good.password);
  const domain = provider.getByLabel(LABELS.en.domain, { exact: true });
  // First a typo in the port: the test fails (no login is sent to a closed port), the button
  // comes back, and the link still works for a corrected try.
  await domain.fill(`127.0.0.1:${readState().closedPort}`);
  await domain.blur();
  await provider.getByRole("button", { name: "Save and test" }).click();
  const failed = provider.getByTestId("handoff-result");
  await expect(failed).toContainText(adviceFor("unreachable", "en").title, { timeout: 45_000 });
  await expect(failed).toContainText(/4 attempts left/);
  const again = provider.getByRole("button", { name: "Correct and test again" });
  await expect(again).toBeEnabled();
  // Written to the provider: their firewall (our addresses are not configured in e2e).
  await expect(failed).toContainText("let SIP through the firewall");

  await domain.fill(pbxDomain());
  await domain.blur();
  await again.click();
  const result = provider.getByTestId("handoff-result");
  await expect(result).toBeVisible({ timeout: 45_000 });
  await expect(result).toContainText(adviceFor("registered", "en").title);
  await expect(result).toContainText(customer.org);

  // The customer sees the account saved, with the provider's result; the link is used.
  await page.reload();
  await expect(page.getByTestId("handoff-connection")).toContainText(accounts.good.username);
  await expect(page.getByTestId("handoff-connection")).toContainText(readState().kamailio.domain);
  const used = page.getByTestId("handoff-link").first();
  await expect(used).toHaveAttribute("data-state", "used");
  await expect(used.getByTestId("handoff-result")).toContainText(adviceFor("registered", "en").title);

  // A second use is refused: opening shows why, and a direct submission gets 410.
  await provider.goto(url);
  await expect(provider.getByTestId("handoff-refused")).toContainText("This link has already been used");
  const token = url.split("/").pop() ?? "";
  const secondUse = await provider.request.post("/handoff/submit", {
    headers: { origin: new URL(baseURL ?? url).origin },
    data: {
      token,
      values: { sipUsername: "evil", sipPassword: "x", sipDomain: "pbx.example.com" },
    },
  });
  expect(secondUse.status()).toBe(410);
  expect(await secondUse.json()).toMatchObject({ refusal: "used" });
  await providerCtx.close();

  // Nothing the provider did reached the customer's password in the page.
  expect(await page.content()).not.toContain(accounts.good.password);
});

test("an expired link is refused, in the provider's language", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ baseURL, locale: "nl-NL" });
  const page = await ctx.newPage();
  await page.goto(`/handoff/${expiredToken()}`);
  await expect(page.getByTestId("handoff-refused")).toContainText("Deze link is verlopen");
  const res = await page.request.post("/handoff/submit", {
    headers: { origin: new URL(baseURL ?? "http://localhost").origin },
    data: {
      token: expiredToken(),
      values: { sipUsername: "1050", sipPassword: "x", sipDomain: "a.example" },
    },
  });
  expect(res.status()).toBe(410);
  expect(await res.json()).toMatchObject({ refusal: "expired" });
  await ctx.close();
});

test("unknown tokens and cross-site submissions are refused", async ({ page, baseURL }) => {
  await page.goto(`/handoff/${"A".repeat(43)}`);
  await expect(page.getByTestId("handoff-refused")).toContainText("This link does not work");
  const cross = await page.request.post("/handoff/submit", {
    headers: { origin: "https://evil.example" },
    data: { token: "A".repeat(43), values: {} },
  });
  expect(cross.status()).toBe(403);
  expect(baseURL).toBeTruthy();
});

test("another organization cannot see or manage the links", async ({ page }) => {
  if (!sharedConnectionId) throw new Error("the first test did not create a connection");
  await signIn(page, "customerB");
  expect(e2eUser("customerB").org).not.toBe(e2eUser("customer").org);
  const res = await page.goto(`/connections/${sharedConnectionId}/handoff`);
  expect(res?.status()).toBe(404);
});
