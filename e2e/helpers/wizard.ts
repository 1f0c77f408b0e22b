import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { signIn } from "./auth";
import { readState, STATE_DIR } from "./state";

/** Labels as the customer sees them, per language. */
export const LABELS = {
  en: {
    username: "SIP Username",
    password: "SIP Password",
    domain: "SIP Domain",
    port: "Port",
    continue: "I have the details, continue",
    saveAndTest: "Save and test",
    saveDraft: "Save as draft",
    toActivation: "Continue to activation",
    activate: "Activate",
    deactivate: "Deactivate",
    changeSettings: "Change the settings",
    advanced: "Advanced settings",
  },
  nl: {
    username: "SIP-gebruikersnaam",
    password: "SIP-wachtwoord",
    domain: "SIP-domein",
    port: "Poort",
    continue: "Ik heb de gegevens, verder",
    saveAndTest: "Opslaan en testen",
    saveDraft: "Opslaan als concept",
    toActivation: "Verder naar activeren",
    activate: "Activeren",
    deactivate: "Deactiveren",
    changeSettings: "Instellingen wijzigen",
    advanced: "Geavanceerde instellingen",
  },
} as const;
export type Lang = keyof typeof LABELS;

/** axe: 0 serious or critical violations, listed by rule and target when there are some. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // Let CSS transitions (e.g. a button turning enabled) settle, or axe measures mid-fade colours.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished),
    ),
  );
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(report, `axe violations on ${where}`).toEqual([]);
}

/** A full-page screenshot kept as an artifact under test-results/<test>/<name>.png. */
export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** The app's own alert (not Next's route announcer, which also has role=alert). */
export function appAlert(page: Page): Locator {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

export function stepHeading(page: Page): Locator {
  return page.locator("#wizard-step-heading");
}

/** The test PBX's SIP Domain with its port, as a customer would paste it. */
export function pbxDomain(): string {
  const s = readState();
  return `${s.kamailio.domain}:${s.kamailio.udpPort}`;
}

export async function startNew(page: Page, lang: Lang = "en"): Promise<void> {
  await page.goto("/connections/new");
  await page.getByRole("button", { name: LABELS[lang].continue }).click();
  await expect(page.getByLabel(LABELS[lang].username, { exact: true })).toBeVisible();
}

export async function fillAccount(
  page: Page,
  a: { username: string; password: string; domain: string; label?: string },
  lang: Lang = "en",
): Promise<void> {
  const L = LABELS[lang];
  if (a.label !== undefined) await page.locator("#connection-label").fill(a.label);
  await page.getByLabel(L.username, { exact: true }).fill(a.username);
  await page.getByLabel(L.password, { exact: true }).fill(a.password);
  const domain = page.getByLabel(L.domain, { exact: true });
  await domain.fill(a.domain);
  await domain.blur();
}

/** Waits for the test to finish and returns the verdict's title element (at the top of step 3). */
export async function verdictTitle(page: Page): Promise<Locator> {
  const title = page.getByTestId("verdict-title");
  await expect(title).toBeVisible({ timeout: 45_000 });
  return title;
}

/** Opens the collapsed ladder under the verdict, so its steps can be read. */
export async function openLadder(page: Page): Promise<Locator> {
  const ladder = page.getByTestId("ladder");
  if ((await ladder.getAttribute("open")) === null) await ladder.locator("summary").first().click();
  return ladder;
}

/** Pastes `text` into a field the way a browser does (a paste event with clipboard data). */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Presses Tab until `target` has focus (keyboard-only navigation). */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} with Tab in ${max} presses`);
}

/**
 * Signs the e2e customer in once and saves the session for a spec file's tests (the sign-in form
 * allows 10 attempts per e-mail per 15 minutes, so signing in before every test would trip it).
 * Use with `test.use({ storageState: customerStorage(name) })`.
 */
export function customerStorage(name: string): string {
  return join(STATE_DIR, `customer-${name}.json`);
}

export async function signInCustomerOnce(browser: Browser, info: TestInfo, name: string): Promise<void> {
  // An explicit empty state: the file-level `storageState` option would otherwise apply here too.
  const ctx = await browser.newContext({
    baseURL: info.project.use.baseURL,
    storageState: { cookies: [], origins: [] },
  });
  const page = await ctx.newPage();
  await signIn(page, "customer");
  await ctx.storageState({ path: customerStorage(name) });
  await ctx.close();
}
