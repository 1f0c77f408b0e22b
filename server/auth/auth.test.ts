import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries/audit";
import { SIGN_IN_THROTTLE } from "@/db/queries/sign-in-throttle";
import { openTestDb, type TestDb } from "@/db/testing";
import { CLIENT_IP_HEADER } from "@/server/http/front.mjs";
import { type Auth, createAuth } from "./server";
import { actorFromHeaders } from "./session";
import { clientIpFrom, safeNextPath, signIn } from "./sign-in";
import { createUser, STAFF_ORGANIZATION } from "./users";

let t: TestDb;
let auth: Auth;
const PASSWORD = "correct horse battery staple";

function cookieFrom(headers: Headers): string {
  const raw = headers.getSetCookie();
  return raw.map((c) => c.split(";")[0]).join("; ");
}

beforeAll(async () => {
  t = await openTestDb();
  auth = createAuth({
    db: t.db,
    secret: randomBytes(32).toString("base64"),
    baseURL: "http://localhost:3000",
    production: false,
    nextCookies: false,
  });
});
afterAll(async () => {
  await t?.close();
});

const hash = (p: string) => auth.$context.then((c) => c.password.hash(p));

describe("createUser", () => {
  it("creates app user, login and organization together; refuses duplicates and weak input", async () => {
    const u = await createUser(t.db, hash, {
      email: " Ann@Example.com ",
      password: PASSWORD,
      role: "customer",
      org: "Acme",
    });
    expect(u).toMatchObject({
      email: "ann@example.com",
      role: "customer",
      organizationName: "Acme",
      organizationCreated: true,
    });
    const again = await createUser(t.db, hash, {
      email: "bob@example.com",
      password: PASSWORD,
      role: "customer",
      org: "Acme",
    });
    expect(again.organizationId).toBe(u.organizationId);
    const staff = await createUser(t.db, hash, {
      email: "sam@support.test",
      password: PASSWORD,
      role: "support",
    });
    expect(staff.organizationName).toBe(STAFF_ORGANIZATION);
    await expect(
      createUser(t.db, hash, { email: "ann@example.com", password: PASSWORD, role: "customer", org: "Acme" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createUser(t.db, hash, { email: "c@example.com", password: PASSWORD, role: "customer" }),
    ).rejects.toMatchObject({ code: "validation" });
    await expect(
      createUser(t.db, hash, { email: "d@example.com", password: "short", role: "support" }),
    ).rejects.toThrow();
    const dump = (await t.dump()).toString("latin1");
    expect(dump).not.toContain(PASSWORD);
  });
});

describe("signIn", () => {
  it("starts a session in an HttpOnly, SameSite=Lax cookie; the session names the actor", async () => {
    const headers = new Headers({ [CLIENT_IP_HEADER]: "192.0.2.1", "x-forwarded-for": "6.6.6.6" });
    const r = await signIn(
      { db: t.db, auth },
      { email: "ANN@example.com", password: PASSWORD },
      { headers, clientIp: clientIpFrom(headers) },
    );
    if (!r.ok) throw new Error(`sign-in failed: ${r.code}`);
    expect(clientIpFrom(headers)).toBe("192.0.2.1");
    const setCookie = r.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/pc\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/;\s*Secure/i);
    const actor = await actorFromHeaders({ auth, db: t.db }, new Headers({ cookie: cookieFrom(r.headers) }));
    expect(actor).toMatchObject({ role: "customer", label: "ann@example.com", userId: r.userId });
    const events = await listAudit(t.db, { organizationId: actor?.organizationId });
    expect(events.some((e) => e.action === "auth.signed_in" && e.actorUserId === r.userId)).toBe(true);
    // A forged or absent cookie is nobody.
    expect(await actorFromHeaders({ auth, db: t.db }, new Headers())).toBeNull();
    expect(
      await actorFromHeaders({ auth, db: t.db }, new Headers({ cookie: "pc.session_token=forged.value" })),
    ).toBeNull();
  });

  it("gives one answer for a wrong password and an unknown e-mail, and audits the former", async () => {
    const h = new Headers();
    const wrong = await signIn(
      { db: t.db, auth },
      { email: "bob@example.com", password: "nope-nope-nope" },
      { headers: h, clientIp: "192.0.2.2" },
    );
    const unknown = await signIn(
      { db: t.db, auth },
      { email: "who@example.com", password: PASSWORD },
      { headers: h, clientIp: "192.0.2.2" },
    );
    expect(wrong).toEqual({ ok: false, code: "invalid_credentials" });
    expect(unknown).toEqual({ ok: false, code: "invalid_credentials" });
    const bad = await signIn(
      { db: t.db, auth },
      { email: "not an email", password: "" },
      { headers: h, clientIp: "192.0.2.2" },
    );
    expect(bad).toEqual({ ok: false, code: "validation" });
    const events = await listAudit(t.db, {});
    expect(events.some((e) => e.action === "auth.sign_in_failed")).toBe(true);
    expect(JSON.stringify(events)).not.toContain("nope-nope-nope");
  });

  const attempt = (email: string, password: string, ip: string) =>
    signIn({ db: t.db, auth }, { email, password }, { headers: new Headers(), clientIp: ip });

  it("slows one address's guesses on an account with growing delays, not a lock", async () => {
    const { free } = SIGN_IN_THROTTLE.ipAccount;
    for (let i = 0; i < free; i++)
      expect(await attempt("sam@support.test", `guess-${i}-xxxxxxx`, "198.51.100.1")).toEqual({
        ok: false,
        code: "invalid_credentials",
      });
    // The next one from that address waits (1 s, then 2, 4 … up to 15 minutes), even if right.
    expect(await attempt("sam@support.test", PASSWORD, "198.51.100.1")).toMatchObject({
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: 1,
    });
    const events = await listAudit(t.db, {});
    expect(events.filter((e) => e.action === "auth.sign_in_throttled").length).toBeGreaterThan(0);
  });

  it("a stranger's lock-out attempt leaves the right password working from the owner's address", async () => {
    const results = [];
    for (let i = 0; i < 40; i++)
      results.push(await attempt("bob@example.com", `stranger-${i}-xxxx`, "203.0.113.66"));
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(results.some((r) => !r.ok && r.code === "rate_limited")).toBe(true);
    const owner = await attempt("bob@example.com", PASSWORD, "192.0.2.50");
    expect(owner.ok).toBe(true);
  });

  it("successes never count, and a success forgives the account's failures", async () => {
    for (let i = 0; i < 25; i++)
      expect((await attempt("ann@example.com", PASSWORD, "192.0.2.60")).ok).toBe(true);
    const { free } = SIGN_IN_THROTTLE.ipAccount;
    for (let i = 0; i < free; i++) await attempt("ann@example.com", `typo-${i}-xxxxxxxx`, "192.0.2.61");
    expect(await attempt("ann@example.com", PASSWORD, "192.0.2.61")).toMatchObject({ code: "rate_limited" });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt("ann@example.com", PASSWORD, "192.0.2.61")).ok).toBe(true);
    // Forgiven: the next typo is not delayed.
    expect(await attempt("ann@example.com", "typo-again-xxxxxx", "192.0.2.61")).toEqual({
      ok: false,
      code: "invalid_credentials",
    });
  });

  it("audits an unknown e-mail's attempt under the support staff's organization", async () => {
    await attempt("nobody@example.com", "whatever-xxxxxx", "192.0.2.70");
    const events = await listAudit(t.db, {});
    expect(
      events.some(
        (e) =>
          e.action === "auth.sign_in_failed" &&
          JSON.stringify(e.details).includes("nobody@example.com") &&
          e.actorLabel === "anonymous",
      ),
    ).toBe(true);
  });

  it("the library's own sign-in route is closed: 40 guesses with rotating X-Forwarded-For, then the right one", async () => {
    const post = (password: string, i: number) =>
      auth.handler(
        new Request("http://localhost:3000/api/auth/sign-in/email", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: "http://localhost:3000",
            "x-forwarded-for": `203.0.113.${i}`,
          },
          body: JSON.stringify({ email: "bob@example.com", password }),
        }),
      );
    for (let i = 0; i < 40; i++) expect((await post(`guess-${i}-xxxxxxx`, i)).status).toBe(404);
    const right = await post(PASSWORD, 41);
    expect(right.status).toBe(404);
    expect(right.headers.getSetCookie()).toEqual([]);
    for (const path of ["get-session", "list-sessions"]) {
      const r = await auth.handler(new Request(`http://localhost:3000/api/auth/${path}`));
      expect(r.status, path).toBe(404);
    }
  });

  it("marks cookies Secure (with the __Secure- prefix) in production", async () => {
    const prod = createAuth({
      db: t.db,
      secret: randomBytes(32).toString("base64"),
      production: true,
      nextCookies: false,
      baseURL: "https://connect.example.com",
    });
    const r = await signIn(
      { db: t.db, auth: prod },
      { email: "bob@example.com", password: PASSWORD },
      { headers: new Headers(), clientIp: "192.0.2.9" },
    );
    if (!r.ok) throw new Error(`sign-in failed: ${r.code}`);
    const setCookie = r.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/__Secure-pc\.session_token=/);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/HttpOnly/i);
  });
});

describe("safeNextPath", () => {
  it("keeps same-site paths only", () => {
    expect(safeNextPath("/support?verdict=timeout", "/")).toBe("/support?verdict=timeout");
    for (const bad of [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/a\nb",
      42,
    ]) {
      expect(safeNextPath(bad, "/fallback")).toBe("/fallback");
    }
  });
});
