import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { adviceFor } from "@/lib/verdicts/advice";
import { VERDICTS, WARNINGS } from "@/lib/verdicts/codes";

/** Facts the guide must state in each language. */
const FACTS = {
  en: {
    h1: "Setting up a SIP account for an AI Colleague",
    accounts: ["User account", "SIP account (extension)"],
    credentials: ["SIP Username", "SIP Password", "SIP Domain"],
    groups: [/hunt group/i, /queue/i],
    usernameField: "SIP Username",
  },
  nl: {
    h1: "Een SIP-account aanmaken voor een AI Colleague",
    accounts: ["Gebruikersaccount", "SIP-account (toestel)"],
    credentials: ["SIP-gebruikersnaam", "SIP-wachtwoord", "SIP-domein"],
    groups: [/belgroep/i, /wachtrij/i],
    usernameField: "SIP-gebruikersnaam",
  },
} as const;

const VENDOR_IDS = ["vendor-3cx", "vendor-freepbx", "vendor-yeastar", "vendor-grandstream", "vendor-generic"];

for (const locale of ["en", "nl"] as const) {
  const f = FACTS[locale];

  test(`guide (${locale}) shows every step and fact`, async ({ page }) => {
    await page.goto(`/guide/${locale}`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(f.h1);

    // SIP account vs user account, side by side.
    const comparison = page.getByTestId("account-comparison");
    for (const name of f.accounts) {
      await expect(comparison.getByRole("heading", { name, exact: true })).toBeVisible();
    }

    // The three details, with the examples and the internal-address warning.
    const creds = page.locator("#credentials").locator("..");
    for (const name of f.credentials) await expect(creds.getByText(name, { exact: true })).toBeVisible();
    await expect(creds.locator("code", { hasText: "1050" })).toBeVisible();
    await expect(creds.locator("code", { hasText: "ai-colleague" })).toBeVisible();
    await expect(creds.locator("code", { hasText: "sip.company.com" })).toBeVisible();
    await expect(creds.getByText(/192\.168\.1\.1/)).toBeVisible();

    // Six anchored steps.
    for (let n = 1; n <= 6; n++) {
      const heading = page.locator(`h3#step-${n}`);
      await expect(heading).toBeVisible();
      await expect(heading.locator(`a[href="#step-${n}"]`)).toHaveCount(1);
    }

    // Ports: 5060 UDP/TCP, 5061 TLS, 10000–20000 UDP RTP.
    const ports = page.getByTestId("port-table");
    await expect(ports.getByRole("rowheader", { name: "5060", exact: true })).toBeVisible();
    await expect(ports.getByRole("rowheader", { name: "5061", exact: true })).toBeVisible();
    await expect(ports.getByRole("rowheader", { name: "10000–20000", exact: true })).toBeVisible();
    await expect(ports).toContainText("RTP");
    await expect(ports).toContainText("TLS");

    // Hunt group or queue, which also enables transfers.
    const step5 = page.locator("li", { has: page.locator("#step-5") });
    for (const g of f.groups) await expect(step5).toContainText(g);

    // The real SIP form, read-only.
    const preview = page.getByTestId("sip-form-preview");
    const username = preview.getByLabel(f.usernameField, { exact: true });
    await expect(username).toHaveValue("1050");
    await expect(username).toHaveJSProperty("readOnly", true);

    // Troubleshooting lists every verdict and warning with the engine's own advice.
    for (const code of VERDICTS) {
      await expect(page.locator(`#verdict-${code}`)).toContainText(adviceFor(code, locale).title);
    }
    for (const code of WARNINGS) {
      await expect(page.locator(`#warning-${code}`)).toContainText(adviceFor(code, locale).title);
    }

    for (const id of VENDOR_IDS) await expect(page.locator(`#${id}`)).toBeVisible();
    await expect(page.locator("#vendor-3cx").locator("..")).toContainText(/403/);
  });

  test(`guide (${locale}) has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(`/guide/${locale}`);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("print emulation hides navigation and keeps the content", async ({ page }) => {
  await page.goto("/guide/en");
  const header = page.locator("body > header").first();
  const toc = page.getByRole("navigation", { name: "On this page" });
  const printButton = page.getByRole("button", { name: "Print / save as PDF" });
  await expect(header).toBeVisible();
  await expect(toc).toBeVisible();
  await expect(printButton).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(header).toBeHidden();
  await expect(toc).toBeHidden();
  await expect(printButton).toBeHidden();
  await expect(page.locator("a.guide-anchor").first()).toBeHidden();
  // Paper gets the handover (checklist, ports, fill-in box); the full guide stays on screen.
  await expect(page.getByTestId("handover")).toBeVisible();
  await expect(page.getByTestId("print-port-table")).toBeVisible();
  await expect(page.locator("h3#step-4")).toBeHidden();
  await expect(page.locator("#troubleshooting")).toBeHidden();
});

test("the print button opens the print dialog", async ({ page }) => {
  await page.goto("/guide/en");
  await page.evaluate(() => {
    const w = window as Window & { printCalls?: number };
    w.printCalls = 0;
    window.print = () => {
      w.printCalls = (w.printCalls ?? 0) + 1;
    };
  });
  await page.getByRole("button", { name: "Print / save as PDF" }).click();
  await expect
    .poll(() => page.evaluate(() => (window as Window & { printCalls?: number }).printCalls))
    .toBe(1);
});

test("anchors link to single steps", async ({ page }) => {
  await page.goto("/guide/en#step-4");
  await expect(page.locator("h3#step-4")).toBeInViewport();

  await page.getByRole("link", { name: /Link to this step: Step 5/ }).click();
  await expect(page).toHaveURL(/#step-5$/);
  await expect(page.locator("h3#step-5")).toBeInViewport();

  await page
    .getByRole("navigation", { name: "On this page" })
    .getByRole("link", { name: /Step 2/ })
    .click();
  await expect(page).toHaveURL(/#step-2$/);
  await expect(page.locator("h3#step-2")).toBeInViewport();
});

test("the language switch links the two versions", async ({ page }) => {
  await page.goto("/guide/en#step-1");
  await page.getByRole("link", { name: "Nederlands" }).click();
  await expect(page).toHaveURL(/\/guide\/nl$/);
  await expect(page.getByRole("link", { name: "Nederlands" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/guide\/en$/);
});

test.describe("/guide picks a language", () => {
  test("from Accept-Language", async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ baseURL, locale: "nl-NL" });
    const page = await ctx.newPage();
    await page.goto("/guide#step-3");
    await expect(page).toHaveURL(/\/guide\/nl#step-3$/);
    await ctx.close();
  });

  test("from the language cookie, which wins", async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ baseURL, locale: "en-US" });
    await ctx.addCookies([{ name: "pc_locale", value: "nl", url: baseURL ?? "http://localhost:3100" }]);
    const page = await ctx.newPage();
    await page.goto("/guide");
    await expect(page).toHaveURL(/\/guide\/nl$/);
    await ctx.close();
  });

  test("English otherwise; unknown languages are not found", async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ baseURL, locale: "fr-FR" });
    const page = await ctx.newPage();
    await page.goto("/guide");
    await expect(page).toHaveURL(/\/guide\/en$/);
    const res = await page.request.get("/guide/fr");
    expect(res.status()).toBe(404);
    await ctx.close();
  });
});
