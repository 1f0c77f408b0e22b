import { randomBytes } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { adviceFor } from "@/lib/verdicts/advice";
import { e2eUser, signIn } from "./helpers/auth";
import { readState } from "./helpers/state";
import { expectAccessible, fillAccount, LABELS, pbxDomain, snap, verdictTitle } from "./helpers/wizard";

/** The support console against a real Kamailio, signed in through the real form. */

const REGISTERED = adviceFor("registered", "en").title;

async function newPage(browser: Browser): Promise<{ page: Page; cspErrors: string[] }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  return { page, cspErrors };
}

/** Creates a connection through the wizard as the signed-in customer and waits for its verdict. */
async function createTested(
  page: Page,
  a: { label: string; username: string; password: string; domain: string },
) {
  await page.goto("/connections/new");
  await page.getByRole("button", { name: LABELS.en.continue }).click();
  await fillAccount(page, a);
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  const title = await verdictTitle(page);
  const id = page.url().split("/").pop() ?? "";
  return { id, verdict: (await title.textContent()) ?? "" };
}

test("support signs in, filters by verdict, reads the ladder trace and re-runs a test against Kamailio", async ({
  browser,
}, info) => {
  test.setTimeout(150_000);
  const { accounts, closedPort } = readState();
  const tag = randomBytes(3).toString("hex");
  const good = `Front desk ${tag}`;
  const broken = `Back office ${tag}`;

  // A customer connects two AI Colleagues: one works, one points at a port nothing listens on.
  const customer = await newPage(browser);
  await signIn(customer.page, "customer");
  const ok = await createTested(customer.page, { ...accounts.good, domain: pbxDomain(), label: good });
  expect(ok.verdict).toBe(REGISTERED);
  const bad = await createTested(customer.page, {
    username: "3000",
    password: "unused-password-3000",
    domain: `127.0.0.1:${closedPort}`,
    label: broken,
  });
  expect(bad.verdict).not.toBe(REGISTERED);
  // Customers never reach the console.
  await customer.page.goto("/support");
  await expect(customer.page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  // Support signs in and lands on the console; problems come first.
  const support = await newPage(browser);
  await signIn(support.page, "support");
  const sp = support.page;
  await expect(sp).toHaveURL(/\/support$/);
  await expect(sp.getByRole("heading", { level: 1, name: "Support console" })).toBeVisible();
  const rows = sp.getByTestId("support-connections").locator("tbody tr");
  const labels = await rows.locator("td:nth-child(2) a").allTextContents();
  expect(labels.indexOf(broken)).toBeGreaterThanOrEqual(0);
  expect(labels.indexOf(broken)).toBeLessThan(labels.indexOf(good));
  await expectAccessible(sp, "support list");

  // Filter by verdict: a plain GET form, so the URL can be shared.
  await sp.getByLabel("Latest result").selectOption("registered");
  await sp.getByRole("button", { name: "Apply filters" }).click();
  await expect(sp).toHaveURL(/verdict=registered/);
  await expect(rows.filter({ hasText: good })).toHaveCount(1);
  await expect(rows.filter({ hasText: broken })).toHaveCount(0);
  const verdicts = await sp
    .locator("td[data-verdict]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-verdict")));
  expect(new Set(verdicts)).toEqual(new Set(["registered"]));
  await snap(sp, info, "support-list-registered");

  // The connection page: settings without the password, the ladder trace, the advice.
  await sp.getByRole("link", { name: good }).click();
  await expect(sp.getByRole("heading", { level: 1, name: good })).toBeVisible();
  await expect(sp.getByTestId("connection-settings")).toContainText("(never shown)");
  const ladder = sp.getByTestId("ladder").first();
  await expect(ladder).toBeVisible();
  await expect(
    ladder
      .locator("li")
      .filter({ hasText: /REGISTER sip:/ })
      .first(),
  ).toBeVisible();
  await expect(ladder.locator("li").filter({ hasText: "SIP/2.0 401" }).first()).toBeVisible();
  await expect(ladder.locator("li").filter({ hasText: "SIP/2.0 200" }).first()).toBeVisible();
  // Open every message of every test: the full (redacted) texts are on the page anyway.
  await sp.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
  const html = await sp.content();
  const pw = accounts.good.password;
  for (const form of [pw, Buffer.from(pw).toString("base64"), Buffer.from(pw).toString("hex")]) {
    expect(html).not.toContain(form);
  }
  // The digest response is derived from the password: the engine redacts it.
  expect(html).toContain('response="[redacted]"');
  expect(html).not.toMatch(/response="?[0-9a-f]{32,}/i);
  await expect(sp.getByTestId("advice").first()).toContainText(REGISTERED);
  await expectAccessible(sp, "support connection page");
  await snap(sp, info, "support-connection");

  // Re-run against the real Kamailio: the new result appears on the timeline.
  const tests = sp.getByTestId("test-timeline").locator(":scope > li");
  const before = await tests.count();
  await sp.getByRole("button", { name: "Run the test again" }).click();
  await expect(sp.getByTestId("support-action-status")).toHaveText(`Test finished: ${REGISTERED}`, {
    timeout: 45_000,
  });
  await expect(tests).toHaveCount(before + 1);
  await expect(tests.first().getByTestId("test-verdict")).toHaveText(REGISTERED);

  // An internal note; both it and the support view are in the audit log.
  await sp.getByLabel("Internal note").fill(`Checked with the customer (${tag}).`);
  await sp.getByRole("button", { name: "Add note" }).click();
  await expect(sp.getByTestId("support-action-status")).toHaveText("Note added.");
  const audit = sp.getByTestId("audit-log");
  await expect(audit).toContainText(`Checked with the customer (${tag}).`);
  await expect(audit).toContainText("Viewed by support");
  await expect(audit).toContainText(e2eUser("support").email);
  await snap(sp, info, "support-after-rerun");

  expect(support.cspErrors).toEqual([]);
  expect(customer.cspErrors).toEqual([]);
});

test("anonymous visitors are sent to sign-in; a wrong password is refused; another organization's connection is not found", async ({
  browser,
}) => {
  const anon = await newPage(browser);
  await anon.page.goto("/support");
  await expect(anon.page).toHaveURL(/\/sign-in\?next=%2Fsupport$/);
  await anon.page.locator("#email").fill(e2eUser("support").email);
  await anon.page.locator("#password").fill("definitely-not-the-password");
  await anon.page.getByRole("button", { name: "Sign in" }).click();
  await expect(anon.page.locator("#sign-in-error")).toHaveText(
    "The e-mail address or password is not correct.",
  );
  await expect(anon.page.locator("#email")).toHaveValue(e2eUser("support").email);
  await expectAccessible(anon.page, "sign-in with error");

  // Customer A's connection (a draft), seen by customer B: not found, like any unknown id.
  const a = await newPage(browser);
  await signIn(a.page, "customer");
  await a.page.goto("/connections/new");
  await a.page.getByRole("button", { name: LABELS.en.continue }).click();
  await fillAccount(a.page, {
    username: "4000",
    password: "draft-password-4000",
    domain: "pbx.example.com",
    label: `Draft ${randomBytes(3).toString("hex")}`,
  });
  await a.page.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(a.page).toHaveURL(/\/connections\/[0-9a-f-]{36}/);
  const path = new URL(a.page.url()).pathname;
  const b = await newPage(browser);
  await signIn(b.page, "customerB");
  await b.page.goto(path);
  await expect(b.page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await b.page.goto("/connections");
  await expect(b.page.locator(`a[href="${path}"]`)).toHaveCount(0);
  // Signing in with `next` returns to the page asked for.
  const c = await newPage(browser);
  await c.page.goto("/support?verdict=timeout");
  await expect(c.page).toHaveURL(/\/sign-in\?next=/);
  await c.page.locator("#email").fill(e2eUser("support").email);
  await c.page.locator("#password").fill(e2eUser("support").password);
  await c.page.getByRole("button", { name: "Sign in" }).click();
  await expect(c.page).toHaveURL(/\/support\?verdict=timeout$/);
});
