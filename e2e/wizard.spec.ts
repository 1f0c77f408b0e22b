import { expect, test } from "@playwright/test";
import { adviceFor } from "@/lib/verdicts/advice";
import { readState } from "./helpers/state";
import {
  customerStorage,
  expectAccessible,
  fillAccount,
  LABELS,
  openLadder,
  pbxDomain,
  signInCustomerOnce,
  snap,
  stepHeading,
  tabTo,
  verdictTitle,
} from "./helpers/wizard";

/** The customer wizard against a real Kamailio: happy path, keyboard only, Dutch. */

test.beforeAll(async ({ browser }, info) => {
  await signInCustomerOnce(browser, info, "wizard");
});
test.use({ storageState: customerStorage("wizard") });

test("happy path: before you start → SIP account → live test → activate, axe and a screenshot per step", async ({
  page,
}, info) => {
  const { accounts } = readState();
  await page.goto("/connections/new");
  await expect(stepHeading(page)).toHaveText("Before you start");
  await expect(page.getByRole("link", { name: "Read the provider guide" })).toHaveAttribute("href", "/guide");
  await expect(page.getByRole("link", { name: "E-mail the guide" })).toHaveAttribute(
    "href",
    /^mailto:\?subject=/,
  );
  await expect(page.getByRole("button", { name: "Let your provider enter the details" })).toBeVisible();
  await expectAccessible(page, "step 1");
  await snap(page, info, "en-1-before-you-start");

  await page.getByRole("button", { name: LABELS.en.continue }).click();
  await expect(stepHeading(page)).toHaveText("Enter the SIP account");
  await expect(stepHeading(page)).toBeFocused();
  const password = page.getByLabel("SIP Password", { exact: true });
  await expect(password).toHaveAttribute("autocomplete", "new-password");
  await expect(password).toHaveAttribute("type", "password");
  await expectAccessible(page, "step 2 (empty)");

  await fillAccount(page, { ...accounts.good, domain: ` ${pbxDomain()} `, label: "Reception" });
  // host:port in SIP Domain moves the port into Port (Advanced's toggle names it, without moving
  // anything); spaces trimmed.
  await expect(page.getByLabel("SIP Domain", { exact: true })).toHaveValue(readState().kamailio.domain);
  await expect(page.getByLabel("Port", { exact: true })).toHaveValue(String(readState().kamailio.udpPort));
  await expect(page.getByTestId("advanced-summary")).toHaveText(`Port ${readState().kamailio.udpPort}`);
  await page.getByRole("button", { name: "Show password" }).click();
  await expect(password).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide password" }).click();
  await expectAccessible(page, "step 2 (filled)");
  await snap(page, info, "en-2-sip-account");

  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(stepHeading(page)).toHaveText("Test the connection");
  await expect(page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  // The connection page offers the provider's one-time link from every step.
  await expect(page.getByRole("link", { name: "Link for your provider" })).toHaveAttribute(
    "href",
    `${new URL(page.url()).pathname}/handoff`,
  );
  // While it runs, the running step shows with its time limit.
  await expect(page.getByTestId("running-step")).toBeVisible();
  await expect(await verdictTitle(page)).toHaveText(adviceFor("registered", "en").title);
  // The ladder sits under the verdict, collapsed; opened, it lists the steps.
  const ladder = await openLadder(page);
  await expect(
    ladder.getByRole("listitem").filter({ hasText: "Check username and password: passed" }),
  ).toBeVisible();
  await expectAccessible(page, "step 3 (result)");
  await snap(page, info, "en-3-test");

  await page.getByRole("button", { name: LABELS.en.toActivation }).click();
  await expect(stepHeading(page)).toHaveText("Activate your AI Colleague");
  await expectAccessible(page, "step 4 (ready)");
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await expect(page.getByText("Activated. Your AI Colleague is now connected.")).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expectAccessible(page, "step 4 (active)");
  await snap(page, info, "en-4-activate");

  // Undo, then back on.
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText("Deactivated.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await expect(page.getByText("Activated. Your AI Colleague is now connected.")).toBeVisible();

  await page.goto("/connections");
  const row = page.getByRole("row").filter({ hasText: "Reception" }).first();
  await expect(row).toContainText("Active");
  await expect(row).toContainText(adviceFor("registered", "en").title);
  await expectAccessible(page, "connections list");
  await snap(page, info, "en-5-list");

  // The page source never carries the password.
  const html = await page.content();
  expect(html).not.toContain(accounts.good.password);
});

test("keyboard only: the whole flow to activation without a mouse", async ({ page }, info) => {
  const { accounts } = readState();
  await page.goto("/connections/new");
  await tabTo(page, page.getByRole("button", { name: LABELS.en.continue }));
  await page.keyboard.press("Enter");
  await expect(stepHeading(page)).toBeFocused();

  await tabTo(page, page.locator("#connection-label"));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Keyboard");
  await tabTo(page, page.getByLabel("SIP Username", { exact: true }));
  await page.keyboard.type(accounts.good.username);
  await tabTo(page, page.getByLabel("SIP Password", { exact: true }));
  await page.keyboard.type(accounts.good.password);
  await tabTo(page, page.getByLabel("SIP Domain", { exact: true }));
  await page.keyboard.type(pbxDomain());
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Port", { exact: true })).toHaveValue(String(readState().kamailio.udpPort));
  await tabTo(page, page.getByRole("button", { name: LABELS.en.saveAndTest }));
  await page.keyboard.press("Enter");

  await expect(stepHeading(page)).toHaveText("Test the connection");
  await expect(await verdictTitle(page)).toHaveText(adviceFor("registered", "en").title);
  await tabTo(page, page.getByRole("button", { name: LABELS.en.toActivation }));
  await page.keyboard.press("Enter");
  await expect(stepHeading(page)).toHaveText("Activate your AI Colleague");
  await tabTo(page, page.getByRole("button", { name: "Activate", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Activated. Your AI Colleague is now connected.")).toBeVisible();
  await snap(page, info, "keyboard-activated");
});

test("Dutch UI: every step in Dutch, the verdict from the shared advice", async ({
  page,
  context,
  baseURL,
}, info) => {
  const { accounts } = readState();
  await context.addCookies([{ name: "pc_locale", value: "nl", url: baseURL ?? "http://localhost:3100" }]);
  await page.goto("/connections/new");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(stepHeading(page)).toHaveText("Voordat je begint");
  await expect(page.getByRole("button", { name: "Laat je provider de gegevens invullen" })).toBeVisible();
  await expectAccessible(page, "nl step 1");
  await snap(page, info, "nl-1-voordat-je-begint");

  await page.getByRole("button", { name: LABELS.nl.continue }).click();
  await expect(stepHeading(page)).toHaveText("Vul het SIP-account in");
  await fillAccount(page, { ...accounts.good, domain: pbxDomain(), label: "Receptie" }, "nl");
  await expectAccessible(page, "nl step 2");
  await snap(page, info, "nl-2-sip-account");

  await page.getByRole("button", { name: LABELS.nl.saveAndTest }).click();
  await expect(stepHeading(page)).toHaveText("De koppeling testen");
  await expect(await verdictTitle(page)).toHaveText(adviceFor("registered", "nl").title);
  await expectAccessible(page, "nl step 3");
  await snap(page, info, "nl-3-test");

  await page.getByRole("button", { name: LABELS.nl.toActivation }).click();
  await page.getByRole("button", { name: LABELS.nl.activate, exact: true }).click();
  await expect(page.getByText("Geactiveerd. Je AI Colleague is nu gekoppeld.")).toBeVisible();
  await expectAccessible(page, "nl step 4");
  await snap(page, info, "nl-4-activeren");
});

test("step 1: let the provider enter the details → a named connection and its handoff page", async ({
  page,
}) => {
  await page.goto("/connections/new");
  await expect(stepHeading(page)).toHaveText("Before you start");
  const entry = page.getByTestId("provider-handoff-entry");
  await entry.getByLabel("Name for this connection").fill("Front desk via provider");
  await entry.getByRole("button", { name: "Let your provider enter the details" }).click();
  await expect(page).toHaveURL(/\/connections\/[0-9a-f-]{36}\/handoff$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Let your telecom provider enter the details",
  );
  await expect(page.getByText("Front desk via provider")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create link" })).toBeVisible();

  // Back on the connection: step 1 now links to the same page instead of creating another.
  const handoffPath = new URL(page.url()).pathname;
  await page.goto(`${handoffPath.replace(/\/handoff$/, "")}?step=start`);
  await expect(page.getByRole("link", { name: "Let your provider enter the details" })).toHaveAttribute(
    "href",
    handoffPath,
  );
  await page.goto("/connections");
  await expect(page.getByRole("row").filter({ hasText: "Front desk via provider" })).toContainText(
    "Not entered yet",
  );
});
