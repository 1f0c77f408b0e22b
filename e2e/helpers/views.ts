import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import type { Lang } from "./wizard";

/** The two widths every screen is checked at: a desktop and a phone. */
export const WIDTHS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;
export type Width = keyof typeof WIDTHS;

/** A context at `width`, in `lang` (the locale cookie), signed in when `storageState` is given. */
export async function contextFor(
  browser: Browser,
  baseURL: string | undefined,
  o: { lang: Lang; width: Width; storageState?: string },
): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL,
    viewport: WIDTHS[o.width],
    storageState: o.storageState ?? { cookies: [], origins: [] },
  });
  await ctx.addCookies([{ name: "pc_locale", value: o.lang, url: baseURL ?? "http://localhost:3100" }]);
  return ctx;
}

/** Nothing wider than the viewport: the page never scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scroll, client, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The innermost elements that stick out, so a failure says what to fix.
    const out = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.children.length === 0)
      .slice(0, 5)
      .map(
        (el) =>
          `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">${(el.textContent ?? "").slice(0, 40)}`,
      );
    return { scroll: document.documentElement.scrollWidth, client: width, culprits: out };
  });
  // Soft: one run reports every page that fails, not just the first.
  expect
    .soft(scroll, `${where}: page is ${scroll}px wide in a ${client}px viewport: ${culprits.join(" | ")}`)
    .toBeLessThanOrEqual(client);
}

/** The element is visible and its bottom edge is inside the first screenful (no scrolling). */
export async function expectAboveTheFold(page: Page, target: Locator, where: string): Promise<void> {
  await expect(target, where).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await target.boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  expect(box, where).not.toBeNull();
  expect
    .soft((box?.y ?? 0) + (box?.height ?? 0), `${where}: the main action ends below the first ${height}px`)
    .toBeLessThanOrEqual(height);
}

/** `a` ends above where `b` starts. */
export async function expectAbove(a: Locator, b: Locator): Promise<void> {
  const ab = await a.boundingBox();
  const bb = await b.boundingBox();
  expect(ab).not.toBeNull();
  expect(bb).not.toBeNull();
  expect((ab?.y ?? 0) + (ab?.height ?? 0)).toBeLessThanOrEqual(bb?.y ?? 0);
}

/** A full-page screenshot under the running test's output folder, to look at by eye. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}
