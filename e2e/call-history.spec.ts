import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/auth";
import { STATE_DIR } from "./helpers/state";
import { contextFor } from "./helpers/views";
import { expectAccessible, stepHeading } from "./helpers/wizard";

/**
 * The customer's earlier test calls on the connection page, from two calls recorded by
 * e2e/fixtures/seed-calls.ts: verdict, who acts and figures, newest first, never the SIP trace;
 * another organization's customer gets "not found". The live call joining the list is in
 * e2e/test-call.spec.ts.
 */

const calledLineId = (): string =>
  (JSON.parse(readFileSync(join(STATE_DIR, "calls.json"), "utf8")) as { calledLineId: string }).calledLineId;

test("a customer sees the earlier test calls on the Test call step, in plain words", async ({ page }) => {
  await signIn(page, "customer");
  await page.goto(`/connections/${calledLineId()}`);
  await page.getByRole("button", { name: /Step 4 of 5/ }).click();
  await expect(stepHeading(page)).toHaveText("Test call (optional)");

  const list = page.getByTestId("earlier-calls");
  await expect(list.getByRole("heading", { name: "Earlier test calls" })).toBeVisible();
  const calls = list.getByTestId("earlier-call");
  await expect(calls).toHaveCount(2);

  const inbound = calls.nth(0);
  await expect(inbound).toHaveAttribute("data-outcome", "call_ok");
  await expect(inbound).toContainText("You called the AI Colleague");
  await expect(inbound.getByRole("heading", { name: "The test call worked" })).toBeVisible();
  await expect(inbound).toContainText("PCMA · 20 ms");
  await expect(inbound).toContainText("380 ms");
  await expect(inbound).toContainText("400 sent, 397 received");
  const transfer = inbound.getByTestId("transfer-result");
  await expect(transfer).toHaveAttribute("data-outcome", "transfer_refused");
  await expect(transfer.getByRole("heading", { name: "Transfer refused" })).toBeVisible();
  await expect(transfer).toContainText("2001");
  await expect(transfer).toContainText("Your telecom provider or PBX administrator");

  const outbound = calls.nth(1);
  await expect(outbound).toHaveAttribute("data-outcome", "outbound_refused");
  await expect(outbound).toContainText("The AI Colleague called a number");
  await expect(outbound.getByRole("heading", { name: "The outgoing call was refused" })).toBeVisible();
  await expect(outbound).toContainText("Your telecom provider or PBX administrator");

  // The SIP trace is support's: it never reaches the customer's browser.
  expect(await page.content()).not.toContain("seeded trace");
  await expectAccessible(page, "earlier test calls");

  // A connection without calls says so.
  await page.goto("/connections");
  await page.getByRole("row").filter({ hasText: "Monitored line" }).getByRole("link").first().click();
  await page.getByRole("button", { name: /Step 4 of 5/ }).click();
  await expect(page.getByTestId("earlier-calls")).toContainText("No test calls yet.");
  await expect(page.getByTestId("earlier-call")).toHaveCount(0);
});

test("in Dutch, and not for another organization's customer", async ({ browser, baseURL }) => {
  const nl = await contextFor(browser, baseURL, { lang: "nl", width: "mobile" });
  const page = await nl.newPage();
  await signIn(page, "customer");
  await page.goto(`/connections/${calledLineId()}?step=call`);
  const list = page.getByTestId("earlier-calls");
  await expect(list.getByRole("heading", { name: "Eerdere testoproepen" })).toBeVisible();
  await expect(list.getByTestId("earlier-call").first()).toContainText("Je belde de AI Colleague");
  await expect(list).toContainText("Je telecomprovider of de beheerder van de centrale");
  await nl.close();

  const other = await contextFor(browser, baseURL, { lang: "en", width: "desktop" });
  const stranger = await other.newPage();
  await signIn(stranger, "customerB");
  const res = await stranger.goto(`/connections/${calledLineId()}?step=call`);
  expect(res?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(stranger.getByTestId("earlier-calls")).toHaveCount(0);
  await other.close();
});

test("support sees the same calls with what to do in support's words, and the SIP ladder", async ({
  page,
}) => {
  await signIn(page, "support");
  await page.goto(`/support/${calledLineId()}`);
  const calls = page
    .getByTestId("call-history")
    .locator("li")
    .filter({ has: page.getByTestId("call-outcome") });
  await expect(calls).toHaveCount(2);
  await expect(calls.nth(1).getByTestId("call-outcome")).toHaveText("outbound_refused");
  const advice = calls.nth(1).getByTestId("call-advice");
  await expect(advice).toContainText("What to do:");
  await expect(advice).toContainText("Who acts: The customer's telecom provider");
  // The passed call needs nobody to act: no advice line.
  await expect(calls.nth(0).getByTestId("call-advice")).toHaveCount(0);
  await expect(page.getByTestId("call-history")).toContainText("seeded trace");
});
