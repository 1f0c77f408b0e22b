import { expect, test } from "@playwright/test";
import { adviceFor } from "@/lib/verdicts/advice";
import { signIn } from "./helpers/auth";
import { readState } from "./helpers/state";
import { contextFor, expectAbove, expectAboveTheFold, expectNoSidewaysScroll, shot } from "./helpers/views";
import {
  appAlert,
  customerStorage,
  expectAccessible,
  fillAccount,
  LABELS,
  openLadder,
  pasteInto,
  pbxDomain,
  signInCustomerOnce,
  snap,
  startNew,
  stepHeading,
  verdictTitle,
} from "./helpers/wizard";

/** What goes wrong, and what the customer is told (docs/sip-failure-modes.md). */

test.beforeAll(async ({ browser }, info) => {
  await signInCustomerOnce(browser, info, "wizard-errors");
});
test.use({ storageState: customerStorage("wizard-errors") });

test("wrong password: the wrong-credentials advice, and the input is kept", async ({
  page,
  browser,
  baseURL,
}, info) => {
  const { accounts } = readState();
  await startNew(page);
  await fillAccount(page, {
    username: accounts.wrongPassword.username,
    password: "not-the-password",
    domain: pbxDomain(),
  });
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(await verdictTitle(page)).toHaveText(adviceFor("wrong_credentials", "en").title);
  await expect(
    page.getByRole("definition").filter({ hasText: adviceFor("wrong_credentials", "en").action }),
  ).toBeVisible();
  await expect(page.getByTestId("provider-message")).toContainText(
    adviceFor("wrong_credentials", "en").title,
  );
  await expectAccessible(page, "wrong password result");
  await snap(page, info, "wrong-password");
  // Activation is not offered.
  await page.getByRole("button", { name: /Step 5 of 5/ }).click();
  await expect(page.getByRole("button", { name: "Activate", exact: true })).toBeDisabled();

  await page.getByRole("button", { name: /Step 2 of 5/ }).click();
  await expect(page.getByLabel("SIP Username", { exact: true })).toHaveValue(accounts.wrongPassword.username);
  await expect(page.getByLabel("SIP Domain", { exact: true })).toHaveValue(readState().kamailio.domain);
  // The password was saved (write-only): the field says so instead of showing it.
  await expect(page.getByText(/^Saved on .+ Leave empty to keep it/)).toBeVisible();

  // The same stored result at both widths, in both languages (one real rejected login only: the
  // per-PBX budget that keeps fail2ban from banning us allows very few).
  const path = new URL(page.url()).pathname;
  const domain = readState().kamailio.domain;
  for (const lang of ["en", "nl"] as const) {
    for (const width of ["desktop", "mobile"] as const) {
      const c = await contextFor(browser, baseURL, {
        lang,
        width,
        storageState: customerStorage("wizard-errors"),
      });
      const p = await c.newPage();
      const where = `wrong password (${lang}, ${width})`;
      await p.goto(`${path}?step=test`);
      await expect(await verdictTitle(p)).toHaveText(adviceFor("wrong_credentials", lang).title);
      // It names the account, not the realm.
      const user = accounts.wrongPassword.username;
      await expect(p.getByTestId("verdict")).toContainText(
        lang === "en" ? `user ${user} at ${domain}` : `gebruiker ${user} op ${domain}`,
      );
      // The one primary action is "Change the settings"; re-sending the rejected login is not offered.
      const first = p.getByTestId("verdict").getByRole("button").first();
      await expect(first).toHaveText(LABELS[lang].changeSettings);
      await expect(first).toHaveClass(/bg-brand-600/);
      await expect(p.getByRole("button", { name: /Run the test again|Test opnieuw uitvoeren/ })).toHaveCount(
        0,
      );
      // Verdict above the ladder, which starts collapsed.
      await expectAbove(p.getByTestId("verdict"), p.getByTestId("ladder"));
      await expect(p.getByTestId("ladder")).not.toHaveAttribute("open", "");
      await expectNoSidewaysScroll(p, where);
      if (width === "mobile") await expectAboveTheFold(p, first, where);
      // The message for the provider is written to the provider, and honest about our addresses
      // (the e2e server configures none).
      const message = p.getByTestId("provider-message");
      await expect(message).toContainText(
        lang === "en" ? "not listed in this installation" : "staan niet in deze installatie",
      );
      await expect(message).not.toContainText(
        lang === "en" ? "Ask your telecom provider" : "Vraag je telecomprovider",
      );
      await expectAccessible(p, where);
      await shot(p, `wrong-password-${lang}-${width}`);
      await c.close();
    }
  }
});

test("unreachable host: a closed loopback port", async ({ page }, info) => {
  const { accounts, closedPort } = readState();
  await startNew(page);
  await fillAccount(page, { ...accounts.good, domain: `127.0.0.1:${closedPort}` });
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(await verdictTitle(page)).toHaveText(adviceFor("unreachable", "en").title);
  await snap(page, info, "unreachable");
});

test("private address: refused before any packet, with the private-address advice", async ({
  page,
}, info) => {
  await startNew(page);
  await fillAccount(page, { username: "1050", password: "whatever-1", domain: "192.168.1.1" });
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(await verdictTitle(page)).toHaveText(adviceFor("private_address", "en").title);
  // Resolution refused it: no SIP step ran.
  await openLadder(page);
  await expect(page.getByRole("listitem").filter({ hasText: "Find the SIP Domain: failed" })).toBeVisible();
  for (const step of [
    "Check the ports",
    "Check that the phone system answers",
    "Check username and password",
  ]) {
    const item = page.getByRole("listitem").filter({ hasText: step });
    if ((await item.count()) > 0) await expect(item).toContainText("skipped");
  }
  await snap(page, info, "private-address");
});

test("bad input: empty, invisible line break, overlong, invalid domain — inline and announced", async ({
  page,
}, info) => {
  await startNew(page);
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  const alert = appAlert(page);
  await expect(alert).toContainText("Some fields need attention: SIP Username, SIP Password, SIP Domain.");
  for (const label of ["SIP Username", "SIP Password", "SIP Domain"]) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/This field is required\./);
  }
  await expect(page.getByLabel("SIP Username", { exact: true })).toBeFocused();
  await expectAccessible(page, "step 2 with errors");
  await snap(page, info, "bad-input-empty");

  // Browsers strip CR/LF from text inputs; U+2028 (a line separator) survives a paste and must be caught.
  await page.getByLabel("SIP Username", { exact: true }).fill("1050\u2028Via: evil");
  await page.getByLabel("SIP Password", { exact: true }).fill("x");
  await page.getByLabel("SIP Domain", { exact: true }).fill("pbx..example.com");
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(page.getByLabel("SIP Username", { exact: true })).toHaveAccessibleDescription(/line break/);
  await expect(page.getByLabel("SIP Domain", { exact: true })).toHaveAccessibleDescription(
    /Remove the extra dot/,
  );

  await page.getByLabel("SIP Username", { exact: true }).fill("a".repeat(65));
  await page.getByLabel("SIP Domain", { exact: true }).fill("127.1");
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(page.getByLabel("SIP Username", { exact: true })).toHaveAccessibleDescription(/too long/);
  await expect(page.getByLabel("SIP Domain", { exact: true })).toHaveAccessibleDescription(
    /Enter a host name/,
  );
  await snap(page, info, "bad-input-invalid");
  // Nothing was saved: still on the new-connection URL.
  await expect(page).toHaveURL(/\/connections\/new$/);
});

test("paste-friendly: a SIP address pasted into SIP Username fills username, domain and port", async ({
  page,
}) => {
  await startNew(page);
  await pasteInto(page.getByLabel("SIP Username", { exact: true }), "  sip:1050@pbx.example.com:5080 ");
  await expect(page.getByLabel("SIP Username", { exact: true })).toHaveValue("1050");
  await expect(page.getByLabel("SIP Domain", { exact: true })).toHaveValue("pbx.example.com");
  await expect(page.getByLabel("Port", { exact: true })).toHaveValue("5080");
  // A name-addr with a display name and a transport parameter, as a PBX's extension page shows it.
  await pasteInto(
    page.getByLabel("SIP Domain", { exact: true }),
    '"Reception" <sip:1051@pbx2.example.com:5062;transport=tcp>',
  );
  await expect(page.getByLabel("SIP Username", { exact: true })).toHaveValue("1051");
  await expect(page.getByLabel("SIP Domain", { exact: true })).toHaveValue("pbx2.example.com");
  await expect(page.getByLabel("Port", { exact: true })).toHaveValue("5062");
  await expect(page.getByLabel("Transport", { exact: true })).toHaveValue("tcp");
});

test("activation is refused after a credential changed (in the UI and on the server)", async ({ page }) => {
  const { accounts } = readState();
  await startNew(page);
  await fillAccount(page, { ...accounts.good, domain: pbxDomain(), label: "Changing" });
  await page.getByRole("button", { name: LABELS.en.saveAndTest }).click();
  await expect(await verdictTitle(page)).toHaveText(adviceFor("registered", "en").title);
  await page.getByRole("button", { name: LABELS.en.toActivation }).click();
  const activate = page.getByRole("button", { name: "Activate", exact: true });
  await expect(activate).toBeEnabled();

  // Meanwhile, in another tab, the password is typed again: a new credential revision.
  const other = await page.context().newPage();
  await other.goto(`${new URL(page.url()).pathname}?step=credentials`);
  await other.getByLabel("SIP Password", { exact: true }).fill(accounts.good.password);
  await other.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(other.getByText("Saved as a draft.")).toBeVisible();
  await other.close();

  // The first tab still shows an enabled button; the server refuses.
  await activate.click();
  await expect(appAlert(page)).toContainText("Activation was refused");

  // After a reload the button is disabled and the old result is marked as stale.
  await page.goto(`${new URL(page.url()).pathname}?step=activate`);
  await expect(page.getByRole("button", { name: "Activate", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: /Step 3 of 5/ }).click();
  await expect(page.getByText("This result is for earlier settings.")).toBeVisible();
});

test("edit: the password is write-only, a draft keeps everything, concurrent edits conflict", async ({
  page,
}) => {
  await startNew(page);
  await fillAccount(page, {
    username: "ai-colleague",
    password: "draft-secret-1",
    domain: "sip.company.com",
    label: "Draft",
  });
  await page.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(page.getByText("Saved as a draft. Nothing has been tested yet.")).toBeVisible();
  await expect(page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  const url = page.url();

  await page.goto(`${url}?step=credentials`);
  await expect(page.getByLabel("SIP Username", { exact: true })).toHaveValue("ai-colleague");
  await expect(page.getByLabel("SIP Password", { exact: true })).toHaveValue("");
  await expect(page.getByText(/^Saved on .+ Leave empty to keep it/)).toBeVisible();
  expect(await page.content()).not.toContain("draft-secret-1");

  // Two tabs edit the same version: the second save gets a conflict and keeps its input. They
  // change the name, not where the account connects, which would need the password again.
  const name = "Name for this connection";
  const other = await page.context().newPage();
  await other.goto(`${url}?step=credentials`);
  await other.getByLabel(name, { exact: true }).fill("Draft, second tab");
  await other.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(other.getByText("Saved as a draft.")).toBeVisible();
  await other.close();

  await page.getByLabel(name, { exact: true }).fill("Draft, first tab");
  await page.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(appAlert(page)).toContainText("Someone else changed this connection in the meantime");
  await expect(page.getByLabel(name, { exact: true })).toHaveValue("Draft, first tab");
  await expect(stepHeading(page)).toHaveText("Enter the SIP account");
});

test("the test endpoint streams NDJSON step by step, and refuses foreign or missing origins", async ({
  page,
  baseURL,
}) => {
  const { accounts } = readState();
  await startNew(page);
  await fillAccount(page, { ...accounts.good, domain: pbxDomain(), label: "Stream" });
  await page.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  const url = `/api/connections/${page.url().split("/").pop()}/test`;

  for (const origin of ["https://evil.example", "null", undefined]) {
    const refused = await page.request.post(url, origin ? { headers: { origin } } : {});
    expect(refused.status(), `Origin: ${origin}`).toBe(403);
  }
  const res = await page.request.post(url, { headers: { origin: new URL(baseURL ?? page.url()).origin } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/x-ndjson");
  const events = (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; test?: { verdict: string } });
  expect(events[0]?.type).toBe("started");
  expect(events.filter((e) => e.type === "step").length).toBeGreaterThanOrEqual(4);
  expect(events.at(-1)?.type).toBe("result");
  expect(events.at(-1)?.test?.verdict).toBe("registered");
  expect(JSON.stringify(events)).not.toContain(accounts.good.password);
});

test("support staff are sent from the customer wizard to their console", async ({ browser, baseURL }) => {
  // Support reads every organization; the wizard (which can replace a SIP password) is customers' only.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, "support", "/connections/new");
  await expect(page).toHaveURL(/\/support\?from=customer-page$/);
  // They are told why, not silently moved.
  await expect(page.getByTestId("wizard-refused")).toContainText("The wizard is for customers");
  for (const path of ["/connections", "/connections/00000000-0000-4000-8000-000000000001"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/support\?from=customer-page$/);
  }
  await context.close();
});
