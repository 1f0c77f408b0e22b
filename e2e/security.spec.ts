import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test } from "@playwright/test";
import { e2eUser, signIn } from "./helpers/auth";

/**
 * Web security of the production build: every mutating route refuses cross-origin,
 * `Origin: null` and missing-Origin POSTs; every page carries the security headers and a nonce
 * CSP that Next's own scripts satisfy. Routes are discovered from app/, so a new one is covered
 * without editing this file.
 */

const APP = join(process.cwd(), "app");

function files(dir: string, name: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return files(p, name);
    return name.test(d.name) ? [p] : [];
  });
}

/** app/(main)/support/[id]/page.tsx → /support/<uuid>; catch-alls get a plausible tail. */
function urlOf(file: string): string {
  const segments = relative(APP, file)
    .split(sep)
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => {
      if (s === "[...all]") return "sign-in/email";
      if (s === "[locale]") return "en";
      if (/^\[.*\]$/.test(s)) return randomUUID();
      return s;
    });
  return `/${segments.join("/")}`;
}

const MUTATING =
  /export\s+(async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b|export\s+const\s+\{[^}]*\b(POST|PUT|PATCH|DELETE)\b/;
const routeHandlers = files(APP, /^route\.tsx?$/)
  .filter((f) => MUTATING.test(readFileSync(f, "utf8")))
  .map(urlOf);
// Server actions are POSTs to the page that rendered them (with a Next-Action header).
const pages = files(APP, /^page\.tsx?$/).map(urlOf);

const BAD_ORIGINS: Array<[string, Record<string, string>]> = [
  ["cross-origin", { origin: "https://evil.example" }],
  ["Origin: null", { origin: "null" }],
  ["missing Origin", {}],
  ["cross-site fetch metadata", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
];

test("the discovered routes include the known mutating ones", () => {
  expect(routeHandlers).toEqual(expect.arrayContaining(["/api/auth/sign-in/email"]));
  expect(routeHandlers.some((r) => /^\/api\/connections\/[0-9a-f-]{36}\/test$/.test(r))).toBe(true);
  expect(pages).toEqual(expect.arrayContaining(["/sign-in", "/support"]));
});

for (const [what, headers] of BAD_ORIGINS) {
  test(`${what}: every mutating route handler and every server action refuses the POST`, async ({
    request,
  }) => {
    for (const url of routeHandlers) {
      const res = await request.post(url, { headers, data: {}, maxRedirects: 0 });
      expect(res.status(), `${what} POST ${url}`).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "bad_origin" } });
    }
    for (const url of pages) {
      const res = await request.post(url, {
        headers: { ...headers, "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
        data: "[]",
        maxRedirects: 0,
      });
      expect(res.status(), `${what} server action POST ${url}`).toBe(403);
    }
  });
}

test("same-origin POSTs pass the origin check (and then meet the real checks)", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? "").origin;
  // One sign-in path: the library's own route is closed (the form's action has the limits).
  const signIn = await request.post("/api/auth/sign-in/email", {
    headers: { origin },
    data: { email: "nobody@e2e.test", password: "wrong-password-123" },
  });
  expect(signIn.status()).toBe(404);
  const test = await request.post(`/api/connections/${randomUUID()}/test`, { headers: { origin } });
  expect(test.status()).toBe(401);
  expect(await test.json()).toMatchObject({ error: { code: "unauthenticated" } });
  const signUp = await request.post("/api/auth/sign-up/email", {
    headers: { origin },
    data: { email: "new@e2e.test", password: "a-long-enough-password", name: "x" },
  });
  expect(signUp.ok(), "public sign-up must be closed").toBe(false);
});

test("pages carry the security headers and a per-request nonce that every script uses", async ({
  request,
}) => {
  const seen = new Set<string>();
  for (const url of ["/", "/sign-in"]) {
    const res = await request.get(url);
    const h = res.headers();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const csp = h["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, `nonce in CSP of ${url}`).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    seen.add(nonce ?? "");
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s, `script on ${url}`).toContain(`nonce="${nonce}"`);
  }
  expect(seen.size).toBe(2);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
  await signIn(page, e2eUser("customerB"));
  const cookies = await context.cookies();
  const session = cookies.find((c) => /pc\.session_token$/.test(c.name));
  expect(session, "session cookie").toBeTruthy();
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  // NODE_ENV=production: Secure, with the __Secure- prefix (browsers accept it on localhost).
  expect(session?.secure).toBe(true);
  expect(session?.name.startsWith("__Secure-")).toBe(true);
});

test("the front refuses an oversize body with 413 before Next reads it", async ({ request, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  const big = await request.post("/handoff/submit", {
    headers: { origin, "content-type": "application/json" },
    data: "x".repeat(2 * 1024 * 1024),
  });
  expect(big.status()).toBe(413);
  expect(await big.json()).toMatchObject({ error: { code: "payload_too_large" } });
  // A normal-sized request still reaches the app (and meets its real checks).
  const small = await request.post("/handoff/submit", {
    headers: { origin, "content-type": "application/json" },
    data: { token: "x" },
  });
  expect(small.status()).not.toBe(413);
});

test("after a change of where the account connects, the saved password must be typed again", async ({
  page,
}) => {
  await signIn(page, "customerB");
  await page.goto("/connections/new");
  await page.getByRole("button", { name: "I have the details, continue" }).click();
  await page.locator("#connection-label").fill("Bound to its PBX");
  await page.getByLabel("SIP Username", { exact: true }).fill("1050");
  const password = page.getByLabel("SIP Password", { exact: true });
  await password.fill("e2e-bound-password");
  const domain = page.getByLabel("SIP Domain", { exact: true });
  await domain.fill("pbx.bound-fixture.nl");
  await domain.blur();
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText("Saved as a draft.")).toBeVisible();
  await expect(password).toHaveValue("");
  await expect(password).not.toHaveAttribute("aria-required", "true");

  await domain.fill("pbx.elsewhere-fixture.nl");
  await domain.blur();
  await expect(password).toHaveAttribute("aria-required", "true");
  await expect(
    page.getByText(/You changed where this account connects: type the SIP password again/),
  ).toBeVisible();
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText(/Enter the SIP password again/).first()).toBeVisible();
  await expect(password).toBeFocused();
  // Changing it back needs nothing.
  await domain.fill("pbx.bound-fixture.nl");
  await domain.blur();
  await expect(password).not.toHaveAttribute("aria-required", "true");
});
