import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/auth";

/**
 * The health timeline in Chromium: a connection with a week of checks (seeded through the
 * monitor's own state machine by e2e/fixtures/seed-health.ts) — badge, both charts, the state
 * history, the list filters, and support's pause/resume.
 */

test("the customer sees health, the 24 h / 7 day chart and the history, and can filter by health", async ({
  page,
}) => {
  await signIn(page, "customer");
  await page.goto("/connections");
  const row = page.getByRole("row").filter({ hasText: "Monitored line" });
  await expect(row.getByTestId("health-badge")).toHaveAttribute("data-state", "degraded");

  await page.getByLabel("Health").selectOption("down");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/health=down/);
  await expect(page.getByRole("row").filter({ hasText: "Monitored line" })).toHaveCount(0);
  await page.goto("/connections?health=degraded");
  await row.getByRole("link", { name: "Monitored line" }).click();

  const panel = page.getByTestId("health-panel");
  await expect(panel.getByTestId("health-badge")).toHaveText("Degraded");
  // 24 h: about 23 hourly checks, one failed; 7 days: the outage's three failures as well.
  await expect(panel.getByTestId("health-range-24h")).toContainText(/1 failed/);
  await expect(panel.getByTestId("health-range-7d")).toContainText(/4 failed/);
  await expect(panel.getByTestId("health-range-7d").locator("g[data-failed='1']")).toHaveCount(4);
  await expect(
    panel.getByRole("img", { name: /Checks over the last 7 days: \d+ passed, 4 failed/ }),
  ).toBeVisible();
  const history = panel.getByTestId("health-history").locator("li");
  await expect(history).toHaveCount(5);
  expect(await history.evaluateAll((items) => items.map((i) => i.getAttribute("data-to")))).toEqual([
    "degraded",
    "healthy",
    "down",
    "degraded",
    "healthy",
  ]);
  await expect(history.nth(2)).toContainText("Three checks in a row failed");
});

test("support filters by health and pauses and resumes monitoring", async ({ page }) => {
  await signIn(page, "support");
  await page.goto("/support?health=degraded");
  const row = page.getByTestId("support-connections").getByRole("row").filter({ hasText: "Monitored line" });
  await expect(row.getByTestId("health-badge")).toHaveText("Degraded");
  await row.getByRole("link", { name: "Monitored line" }).click();

  const panel = page.getByTestId("health-panel");
  await panel.getByRole("button", { name: "Pause monitoring" }).click();
  await expect(panel.getByTestId("health-badge")).toHaveText("Paused");
  await expect(panel).toContainText("paused monitoring");
  await panel.getByRole("button", { name: "Resume monitoring" }).click();
  await expect(panel.getByTestId("health-badge")).toHaveText("Degraded");
  await panel.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByText("Health check requested")).toBeVisible();
});
