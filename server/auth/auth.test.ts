import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries/audit";
import { openTestDb, type TestDb } from "@/db/testing";
import { type Auth, createAuth } from "./server";
import { actorFromHeaders } from "./session";
import { clientIpFrom, SIGN_IN_LIMITS, safeNextPath, signIn } from "./sign-in";
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
    const headers = new Headers({ "x-forwarded-for": "192.0.2.1" });
    const r = await signIn(
      { db: t.db, auth },
      { email: "ANN@example.com", password: PASSWORD },
      { headers, clientIp: clientIpFrom(headers) },
    );
    if (!r.ok) throw new Error(`sign-in failed: ${r.code}`);
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

  it("slows guessing per account", async () => {
    const h = new Headers();
    let last: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let i = 0; i <= SIGN_IN_LIMITS.perEmail.limit; i++) {
      last = await signIn(
        { db: t.db, auth },
        { email: "sam@support.test", password: `guess-${i}-xxxxxxx` },
        { headers: h, clientIp: `198.51.100.${i}` },
      );
    }
    expect(last).toMatchObject({ ok: false, code: "rate_limited" });
    // Even the right password waits now.
    const right = await signIn(
      { db: t.db, auth },
      { email: "sam@support.test", password: PASSWORD },
      { headers: h, clientIp: "198.51.100.200" },
    );
    expect(right).toMatchObject({ ok: false, code: "rate_limited" });
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
