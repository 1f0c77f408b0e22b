import { expect, type Page, test } from "@playwright/test";
import { e2eUser, signIn } from "./helpers/auth";
import { shot } from "./helpers/views";
import { expectAccessible } from "./helpers/wizard";

/**
 * The alert settings page in Chromium: e-mail recipients, a refused URL kept as typed, the
 * signing secret shown once (gone after a reload), a test alert refused by the address policy
 * (the server allows loopback only, so 10.0.0.7 is refused), removal; the same forms without
 * JavaScript; Dutch texts; support neither sees the link nor can change anything.
 */

const PRIVATE_HOOK = "https://10.0.0.7/phone-connection";

const urlField = (page: Page) => page.getByLabel("Webhook URL");
const status = (page: Page) => page.getByTestId("alert-settings-status");

async function removeIfSet(page: Page) {
  if ((await page.getByRole("button", { name: "Remove webhook" }).count()) === 0) return;
  await page.getByRole("button", { name: "Remove webhook" }).click();
  await page.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(status(page)).toHaveText("The webhook is removed. Alerts go by e-mail only.");
}

test("a customer saves a webhook, sees the secret once, tests it and removes it", async ({ page }) => {
  const me = await signIn(page, "customer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alert settings" }).click();
  await expect(page).toHaveURL(/\/settings\/alerts$/);
  await expect(page.getByRole("heading", { level: 1, name: "Alert settings" })).toBeVisible();
  await expect(page.getByTestId("alert-recipients")).toContainText(me.email);
  await removeIfSet(page);
  await expect(page.getByTestId("webhook-current")).toHaveText(
    "No webhook is set up. Alerts go by e-mail only.",
  );

  // A refused URL: the message says what to change, and the field keeps what was typed.
  const typed = "http://hooks.example.com/phone";
  await urlField(page).fill(typed);
  await page.getByRole("button", { name: "Save webhook" }).click();
  await expect(page.getByTestId("webhook-url-error")).toHaveText(/Use an https:\/\/ address/);
  await expect(urlField(page)).toHaveValue(typed);
  await expect(urlField(page)).toHaveAttribute("aria-invalid", "true");
  await urlField(page).fill("https://ops:hunter2@hooks.example.com/phone");
  await page.getByRole("button", { name: "Save webhook" }).click();
  await expect(page.getByTestId("webhook-url-error")).toHaveText(/Remove the user name and password/);
  await expect(urlField(page)).toHaveValue("https://ops:hunter2@hooks.example.com/phone");

  await urlField(page).fill(PRIVATE_HOOK);
  await page.getByRole("button", { name: "Save webhook" }).click();
  await expect(status(page)).toHaveText("The webhook is saved.");
  const box = page.getByTestId("webhook-secret");
  await expect(box).toContainText("shown only this once");
  await expect(box).toContainText("X-Phone-Connection-Signature");
  const secret = await page.getByTestId("webhook-secret-value").inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  await expect(page.getByTestId("webhook-current")).toContainText(PRIVATE_HOOK);
  await expectAccessible(page, "alert settings with the secret");
  await shot(page, "alert-settings-secret");

  await page.getByRole("button", { name: "Send a test alert" }).click();
  await expect(status(page)).toHaveText(/Not sent: 10\.0\.0\.7 is not a public internet address/);

  // The secret was in that one answer only.
  await page.reload();
  await expect(page.getByTestId("webhook-current")).toContainText(PRIVATE_HOOK);
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  const history = page.getByTestId("alert-history").locator("li");
  await expect(history.first()).toContainText(
    "Test alert sent (https://10.0.0.7): refused (not a public address)",
  );
  await expect(history.first()).toContainText(me.email);
  await expect(history.nth(1)).toContainText("Webhook set up (https://10.0.0.7)");

  await page.getByRole("button", { name: "Remove webhook" }).click();
  await page.getByRole("link", { name: "Keep it" }).click();
  await expect(page.getByTestId("webhook-current")).toContainText(PRIVATE_HOOK);
  await removeIfSet(page);
  await expect(page.getByTestId("webhook-current")).toHaveText(
    "No webhook is set up. Alerts go by e-mail only.",
  );
  await page.reload();
  await expect(page.getByRole("button", { name: "Remove webhook" })).toHaveCount(0);
});

test("the forms work without JavaScript, keeping a refused URL as typed", async ({ browser, baseURL }) => {
  // Sign in with JavaScript, then use the page with it switched off (before hydration).
  const withJs = await browser.newContext({ baseURL });
  await signIn(await withJs.newPage(), "customerB");
  const ctx = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    storageState: await withJs.storageState(),
  });
  await withJs.close();
  const page = await ctx.newPage();
  await page.goto("/settings/alerts");
  await urlField(page).fill("hooks.example.com/phone");
  await page.getByRole("button", { name: "Save webhook" }).click();
  await expect(page.getByTestId("webhook-url-error")).toHaveText(/This is not a complete web address/);
  await expect(urlField(page)).toHaveValue("hooks.example.com/phone");

  await urlField(page).fill("https://hooks.example.com/phone-b");
  await page.getByRole("button", { name: "Save webhook" }).click();
  await expect(page.getByTestId("webhook-secret-value")).toHaveValue(/^whsec_/);
  await expect(page.getByTestId("webhook-current")).toContainText("https://hooks.example.com/phone-b");

  await page.getByRole("button", { name: "Remove webhook" }).click();
  await page.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(page.getByTestId("webhook-current")).toHaveText(
    "No webhook is set up. Alerts go by e-mail only.",
  );
  await ctx.close();
});

test("Dutch texts, informal like the rest of the product", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "pc_locale", value: "nl", url: baseURL ?? "http://localhost:3100" }]);
  await signIn(page, "customer");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Meldingen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meldingsinstellingen" })).toBeVisible();
  await page.getByLabel("Webhook-URL").fill("http://hooks.example.com/nl");
  await page.getByRole("button", { name: "Webhook opslaan" }).click();
  await expect(page.getByTestId("webhook-url-error")).toHaveText(/Gebruik een https:\/\/-adres/);
  await expect(page.getByLabel("Webhook-URL")).toHaveValue("http://hooks.example.com/nl");
});

test("support reads an organization's settings from a connection, read-only, with no link of their own", async ({
  page,
}) => {
  await signIn(page, "support");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Alert settings" })).toHaveCount(0);
  await page.goto("/settings/alerts");
  await expect(page).toHaveURL(/\/support/);

  await page.goto("/support?health=degraded");
  await page.getByTestId("support-connections").getByRole("link", { name: "Monitored line" }).click();
  await page.getByRole("link", { name: "Alert settings of this organization" }).click();
  await expect(page.getByRole("note")).toContainText("E2E Customer A");
  await expect(page.getByTestId("alert-recipients")).toContainText(e2eUser("customer").email);
  await expect(page.getByTestId("webhook-current")).toBeVisible();
  await expect(page.getByRole("button", { name: /Save/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send a test alert" })).toHaveCount(0);
  // What the customer did earlier in this run, with who did it.
  await expect(page.getByTestId("alert-history")).toContainText("Webhook removed");
});
