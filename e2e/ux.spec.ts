import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Locator, test } from "@playwright/test";
import { adviceFor } from "@/lib/verdicts/advice";
import { signIn } from "./helpers/auth";
import { readState, STATE_DIR } from "./helpers/state";
import { contextFor, expectAboveTheFold, expectNoSidewaysScroll, shot } from "./helpers/views";
import {
  customerStorage,
  expectAccessible,
  fillAccount,
  LABELS,
  type Lang,
  pbxDomain,
  signInCustomerOnce,
  startNew,
  verdictTitle,
} from "./helpers/wizard";

/**
 * The product as its readers feel it, at a desktop and a phone width, in English and Dutch:
 * result first, role-aware navigation, the main action in the first screenful on a phone, no
 * sideways scrolling, the printed handover, status truth, and the form's summary and blur-click
 * cases. Screenshots of every screen land in test-results/ for a look by eye.
 */

const LANGS: Lang[] = ["en", "nl"];

const failingLiveId = (): string =>
  (JSON.parse(readFileSync(join(STATE_DIR, "ux.json"), "utf8")) as { failingLiveId: string }).failingLiveId;

let goodConnectionPath = "";

test.beforeAll(async ({ browser }, info) => {
  await signInCustomerOnce(browser, info, "ux");
});

test("a good account: result first, the stepper marks done steps, activation is the loudest success", async ({
  browser,
  baseURL,
}) => {
  const { accounts } = readState();
  const ctx = await contextFor(browser, baseURL, {
    lang: "en",
    width: "desktop",
    storageState: customerStorage("ux"),
  });
  const page = await ctx.newPage();
  await startNew(page);
  await fillAccount(page, { ...accounts.good, domain: pbxDomain(), label: "UX reception" });
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  // (A warm test can finish before a frame shows the running step: that is the next test's.)
  await expect(await verdictTitle(page)).toHaveText(adviceFor("registered", "en").title);
  goodConnectionPath = new URL(page.url()).pathname;

  // The verdict comes before the ladder, which starts collapsed; its steps are in ladder order.
  const verdict = page.getByTestId("verdict");
  const ladder = page.getByTestId("ladder");
  const vBox = await verdict.boundingBox();
  const lBox = await ladder.boundingBox();
  expect((vBox?.y ?? 0) + (vBox?.height ?? 0)).toBeLessThanOrEqual(lBox?.y ?? 0);
  await expect(ladder).not.toHaveAttribute("open", "");
  await expect(verdict.getByRole("button", { name: LABELS.en.toActivation })).toBeVisible();
  await ladder.locator("summary").first().click();
  const order = await ladder
    .locator("li[data-step]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-step")));
  expect(order.slice(0, 2)).toEqual(["resolve", "ports"]);
  // Ports are named open or closed, not "passed".
  await expect(ladder.locator('li[data-step="ports"]')).toContainText(/open|closed|no answer/);
  // Raw SIP only under "Technical details".
  const technical = page.getByTestId("technical-details");
  await expect(technical.getByText(/^200 OK/).first()).toBeHidden();
  await expect(page.getByRole("button", { name: /Step 1 of 5/ })).toContainText("✓");
  await expectAccessible(page, "good result");
  await shot(page, "good-result-en-desktop");

  await verdict.getByRole("button", { name: LABELS.en.toActivation }).click();
  await page.getByRole("button", { name: LABELS.en.activate, exact: true }).click();
  const success = page.getByTestId("activation-success");
  await expect(success).toContainText("Your AI Colleague is connected");
  const summary = page.getByTestId("activation-summary");
  await expect(summary).toContainText(accounts.good.username);
  await expect(summary).toContainText(readState().kamailio.domain);
  await expect(summary).toContainText("UDP");
  await expect(page.getByTestId("next-step")).toContainText(/hunt group/);
  await expect(page.getByTestId("next-step")).toContainText(/RTP/);
  // Success is the loudest element; Deactivate is there but quiet (not the red danger style).
  await expect(page.getByRole("button", { name: LABELS.en.deactivate })).not.toHaveClass(/bg-red/);
  for (const n of [1, 2, 3])
    await expect(page.getByRole("button", { name: new RegExp(`Step ${n} of 5`) })).toContainText("✓");
  await expect(page.locator('[aria-current="step"]')).toContainText("✓");
  await expectAccessible(page, "activated");
  await shot(page, "activated-en-desktop");
  await ctx.close();
});

test("a PBX that never answers: the running step shows how long it has taken and its limit", async ({
  browser,
  baseURL,
}) => {
  // A UDP socket that takes every request and answers none: the test waits out each step's limit.
  const hole = dgram.createSocket("udp4");
  hole.on("message", () => undefined);
  await new Promise<void>((r) => hole.bind(0, "127.0.0.1", r));
  const { accounts } = readState();
  const ctx = await contextFor(browser, baseURL, {
    lang: "en",
    width: "desktop",
    storageState: customerStorage("ux"),
  });
  try {
    const page = await ctx.newPage();
    await startNew(page);
    await fillAccount(page, {
      ...accounts.good,
      domain: `127.0.0.1:${hole.address().port}`,
      label: "UX silent PBX",
    });
    await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
    const running = page.getByTestId("running-step");
    await expect(running).toBeVisible();
    await expect(running).toContainText(/\d+ s of at most \d+ s/);
    // It ends with a verdict, not a spinner.
    await expect(await verdictTitle(page)).toBeVisible({ timeout: 60_000 });
    await expect(running).toHaveCount(0);
  } finally {
    await ctx.close();
    hole.close();
  }
});

test("the same screens at both widths and in both languages: main action in view, no sideways scroll", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  expect(goodConnectionPath, "the previous test creates the connection").not.toBe("");
  for (const lang of LANGS) {
    for (const width of ["mobile", "desktop"] as const) {
      const ctx = await contextFor(browser, baseURL, { lang, width, storageState: customerStorage("ux") });
      const page = await ctx.newPage();
      const L = LABELS[lang];
      const tag = `${lang}-${width}`;
      const check = async (where: string, main: Locator) => {
        await expect(main, `${where} (${tag})`).toBeVisible();
        await expectNoSidewaysScroll(page, `${where} (${tag})`);
        if (width === "mobile") await expectAboveTheFold(page, main, `${where} (${tag})`);
        await shot(page, `${where}-${tag}`);
      };

      await page.goto("/");
      await check(
        "home",
        page.getByRole("main").getByRole("link", {
          name: lang === "en" ? "Connect a phone system" : "Telefooncentrale koppelen",
        }),
      );
      await page.goto("/connections");
      await check(
        "list",
        page.getByRole("main").getByRole("link", {
          name: lang === "en" ? "Connect a phone system" : "Telefooncentrale koppelen",
        }),
      );
      await page.goto("/connections/new");
      await check("step1", page.getByRole("button", { name: L.continue }));
      await page.getByRole("button", { name: L.continue }).click();
      await check("step2", page.getByRole("button", { name: L.saveAndTest }));
      await page.goto(`${goodConnectionPath}?step=test`);
      await check("step3", page.getByTestId("verdict").getByRole("button", { name: L.toActivation }));
      await page.goto(`${goodConnectionPath}?step=activate`);
      await check(
        "step4",
        page.getByRole("link", {
          name: lang === "en" ? "Back to all connections" : "Terug naar alle koppelingen",
        }),
      );
      await page.goto(`/guide/${lang}`);
      await check(
        "guide",
        page.getByRole("button", {
          name: lang === "en" ? "Print / save as PDF" : "Afdrukken / opslaan als pdf",
        }),
      );
      await page.getByTestId("port-table").screenshot({ path: test.info().outputPath(`ports-${tag}.png`) });
      await page.screenshot({ path: test.info().outputPath(`guide-top-${tag}.png`) });

      // At 1280 px the signed-in header is one row; at 390 px at most two.
      await page.goto("/connections");
      const nav = page.getByRole("navigation", { name: lang === "en" ? "Main" : "Hoofdmenu" });
      const navBox = await nav.boundingBox();
      const rowHeight = width === "desktop" ? 60 : 110;
      expect(navBox?.height ?? 999, `header height (${tag})`).toBeLessThanOrEqual(rowHeight);
      await expectAccessible(page, `list (${tag})`);
      await ctx.close();

      const anon = await contextFor(browser, baseURL, { lang, width });
      const a = await anon.newPage();
      await a.goto("/sign-in");
      await expectNoSidewaysScroll(a, `sign-in (${tag})`);
      if (width === "mobile")
        await expectAboveTheFold(
          a,
          a
            .locator("form")
            .filter({ has: a.locator("#password") })
            .getByRole("button"),
          `sign-in (${tag})`,
        );
      await shot(a, `sign-in-${tag}`);
      await anon.close();
    }
  }
});

test("the form: the error summary follows the fields, and leaving SIP Domain straight for 'Save and test' works", async ({
  browser,
  baseURL,
}) => {
  const ctx = await contextFor(browser, baseURL, {
    lang: "en",
    width: "desktop",
    storageState: customerStorage("ux"),
  });
  const page = await ctx.newPage();
  await startNew(page);
  const summary = page.locator('[role="alert"]:not(#__next-route-announcer__)');
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(summary).toContainText("SIP Username, SIP Password, SIP Domain");
  await page.getByLabel("SIP Username", { exact: true }).fill("1050");
  await page.getByLabel("SIP Password", { exact: true }).fill("secret-for-summary");
  await expect(summary).toContainText("Some fields need attention: SIP Domain.");
  // A typed (not pasted) SIP address in SIP Domain is split like a paste.
  const domain = page.getByLabel("SIP Domain", { exact: true });
  await domain.fill("sip:1051@pbx.example.com:5070");
  await domain.blur();
  await expect(page.getByLabel("SIP Username", { exact: true })).toHaveValue("1051");
  await expect(domain).toHaveValue("pbx.example.com");
  await expect(page.getByTestId("advanced-summary")).toHaveText("Port 5070");
  await expect(summary).toHaveCount(0);
  // A bad port: the summary names Port, the one field still wrong.
  await page.getByRole("button", { name: /Advanced settings/ }).click();
  await page.getByLabel("Port", { exact: true }).fill("99999");
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(summary).toHaveText("Some fields need attention: Port.");
  // Web addresses and e-mail logins are told what to change.
  await page.getByLabel("Port", { exact: true }).fill("");
  await domain.fill("http://sip.example.com/");
  await page.getByLabel("SIP Username", { exact: true }).fill("jane.doe@company.com");
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(domain).toHaveAccessibleDescription(/This is a web address/);
  await expect(page.getByLabel("SIP Username", { exact: true })).toHaveAccessibleDescription(
    /looks like an e-mail address/,
  );
  await expectAccessible(page, "form with errors");
  await ctx.close();

  // Blur-click: type host:port in SIP Domain and click "Save and test" without leaving the field first.
  const ctx2 = await contextFor(browser, baseURL, {
    lang: "en",
    width: "mobile",
    storageState: customerStorage("ux"),
  });
  const p = await ctx2.newPage();
  await startNew(p);
  await p.getByLabel("SIP Username", { exact: true }).fill("1050");
  await p.getByLabel("SIP Password", { exact: true }).fill("blur-click-secret");
  await p.getByLabel("SIP Domain", { exact: true }).fill("blur.example.com:5080");
  await p.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(p.getByText("Saved as a draft.")).toBeVisible();
  await expect(p.getByLabel("SIP Domain", { exact: true })).toHaveValue("blur.example.com");
  await expect(p.getByTestId("advanced-summary")).toHaveText("Port 5080");
  await ctx2.close();
});

test("status truth: a live connection whose latest test failed is flagged in the list and on its page", async ({
  browser,
  baseURL,
}) => {
  const ctx = await contextFor(browser, baseURL, { lang: "en", width: "mobile" });
  const page = await ctx.newPage();
  await signIn(page, "customerB", "/connections");
  const row = page.getByRole("row").filter({ hasText: "Live but failing" });
  await expect(row.getByTestId("failing-badge")).toHaveText(/Latest test failed/);
  await expectNoSidewaysScroll(page, "list with a failing live connection");
  await shot(page, "failing-live-list-mobile");
  await page.goto(`/connections/${failingLiveId()}`);
  await expect(page.getByTestId("failing-banner")).toContainText("switched on, but the latest test");
  // It opens on that result, not on "Activate".
  await expect(page.locator("#wizard-step-heading")).toHaveText("Test the connection");
  await expect(await verdictTitle(page)).toHaveText(adviceFor("unreachable", "en").title);
  await expectAccessible(page, "failing live connection");
  await shot(page, "failing-live-page-mobile");
  await ctx.close();
});

test("role-based navigation: customers never see Support; support staff never see the wizard link", async ({
  browser,
  baseURL,
}) => {
  const c = await contextFor(browser, baseURL, {
    lang: "en",
    width: "desktop",
    storageState: customerStorage("ux"),
  });
  const cp = await c.newPage();
  await cp.goto("/");
  const nav = cp.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Support" })).toHaveCount(0);
  await expect(cp.getByRole("link", { name: /support console/i })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Your connections" })).toBeVisible();
  await c.close();

  const s = await contextFor(browser, baseURL, { lang: "en", width: "mobile" });
  const sp = await s.newPage();
  await signIn(sp, "support");
  await sp.goto("/");
  const snav = sp.getByRole("navigation", { name: "Main" });
  await expect(snav.getByRole("link", { name: "Support" })).toBeVisible();
  await expect(sp.getByRole("link", { name: /Your connections|Connect a phone system/ })).toHaveCount(0);
  // Sent from the wizard, they are told why.
  await sp.goto("/connections/new");
  await expect(sp.getByTestId("wizard-refused")).toBeVisible();
  await expectNoSidewaysScroll(sp, "support console (mobile)");
  await expectAboveTheFold(
    sp,
    sp.getByTestId("support-connections").locator("tbody tr").first(),
    "support console (mobile)",
  );
  await expectAccessible(sp, "support console (mobile)");
  await shot(sp, "support-console-mobile");
  await sp.getByTestId("support-connections").locator("tbody tr a").first().click();
  await expect(sp).toHaveURL(/\/support\/[0-9a-f-]{36}$/);
  await expect(sp.getByTestId("connection-settings")).toContainText("(never shown)");
  await expectNoSidewaysScroll(sp, "support detail (mobile)");
  await shot(sp, "support-detail-mobile");
  await s.close();
});

test("the guide: our addresses in the ports table, and it prints as a handover of at most two A4 pages", async ({
  browser,
  baseURL,
}) => {
  for (const lang of LANGS) {
    const ctx = await contextFor(browser, baseURL, { lang, width: "desktop" });
    const page = await ctx.newPage();
    await page.goto(`/guide/${lang}`);
    const ports = page.getByTestId("port-table");
    // The e2e server has no SIP_PUBLIC_ADDRESSES (the test call runs on loopback): the guide says
    // so instead of promising a list, and still names the media range.
    await expect(ports).toContainText(lang === "en" ? "not configured yet" : "nog niet ingesteld");
    await expect(page.locator('[data-testid="addresses-unknown"]:visible')).toContainText(
      lang === "en"
        ? "has not configured its public addresses"
        : "heeft haar openbare adressen nog niet ingesteld",
    );
    await expect(ports).toContainText("45000–45999");
    await expect(ports).toContainText(lang === "en" ? "Inbound to the PBX" : "Inkomend naar de centrale");
    // Troubleshooting speaks to the provider.
    await expect(page.locator("#verdict-timeout").locator("..")).toContainText(
      lang === "en" ? "Open the SIP ports" : "Zet de SIP-poorten",
    );
    await expect(page.locator("#warning-realm_mismatch").locator("..")).not.toContainText('"?"');
    // Non-step sections link to "this section".
    await expect(page.locator("#purpose a.guide-anchor")).toContainText(
      lang === "en" ? "Link to this section" : "Link naar dit onderdeel",
    );

    await page.emulateMedia({ media: "print" });
    const handover = page.getByTestId("handover");
    await expect(handover).toBeVisible();
    await expect(page.getByTestId("print-port-table")).toContainText("45000–45999");
    await expect(page.getByTestId("fill-in")).toBeVisible();
    await expect(handover).toContainText(`/guide/${lang}`);
    await expect(page.locator("#troubleshooting")).toBeHidden();
    const pdf = await page.pdf({ format: "A4", printBackground: false });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages, `printed guide (${lang})`).toBeGreaterThan(0);
    expect(pages, `printed guide (${lang})`).toBeLessThanOrEqual(2);
    await page.screenshot({ path: test.info().outputPath(`guide-print-${lang}.png`), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    await ctx.close();
  }
});

test("the favicon is a real icon", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  const body = await res.body();
  // ICO header: reserved 0, type 1 (icon).
  expect([...body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});
