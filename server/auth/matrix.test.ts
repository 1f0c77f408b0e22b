import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { listAudit } from "@/db/queries/audit";
import { createConnection, getConnection, listConnections } from "@/db/queries/connections";
import { listTests } from "@/db/queries/tests";
import { connections } from "@/db/schema";
import { openTestDb, type TestDb } from "@/db/testing";
import { resetKeyRingCache } from "@/lib/crypto/keyring";
import { resetEnvCache } from "@/lib/env";
import {
  addInternalNote,
  deactivateAsSupport,
  getSupportConnection,
  listSupportConnections,
} from "@/server/support/service";
import { orgScope } from "./access";
import type { Auth } from "./server";

/**
 * The role × action matrix of issue 6, through the real session lookup (better-auth cookies →
 * requireActor) and the real data-layer functions the pages and actions call.
 */

const h = vi.hoisted(() => ({
  headers: new Headers(),
  db: undefined as Db | undefined,
  auth: undefined as Auth | undefined,
}));
vi.mock("next/headers", () => ({ headers: async () => h.headers }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => {
    if (!h.db) throw new Error("test db not open");
    return h.db;
  },
}));
vi.mock("./server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./server")>()),
  getAuth: async () => {
    if (!h.auth) throw new Error("test auth not created");
    return h.auth;
  },
}));

const { requireActor } = await import("./actor");
const { requireSupport } = await import("./current");
const { createAuth } = await import("./server");
const { signIn } = await import("./sign-in");
const { createUser } = await import("./users");
const { activate, deactivate, listForActor, loadWizardState, saveConnection } = await import(
  "@/server/connections/service"
);
const { runConnectionTest } = await import("@/server/connections/run-test");

const CANARY = "Canary-Sup3r-Secret-Pw";
const PASSWORD = "matrix test password";
let t: TestDb;
const cookies: Record<"a" | "b" | "support", string> = { a: "", b: "", support: "" };
let foreignIds: string[] = [];
let secretConnectionId = "";

async function as(who: keyof typeof cookies | "anonymous") {
  h.headers = new Headers(who === "anonymous" ? {} : { cookie: cookies[who] });
}

beforeAll(async () => {
  // The runner decrypts with the process's key ring: give it one, never a key file in .data.
  process.env.CREDENTIAL_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  resetEnvCache();
  resetKeyRingCache();
  t = await openTestDb();
  h.db = t.db;
  h.auth = createAuth({
    db: t.db,
    secret: randomBytes(32).toString("base64"),
    baseURL: "http://localhost:3000",
    production: false,
    nextCookies: false,
  });
  const ctx = await h.auth.$context;
  const hash = (p: string) => ctx.password.hash(p);
  const users = {
    a: await createUser(t.db, hash, {
      email: "a@org-a.test",
      password: PASSWORD,
      role: "customer",
      org: "Org A",
    }),
    b: await createUser(t.db, hash, {
      email: "b@org-b.test",
      password: PASSWORD,
      role: "customer",
      org: "Org B",
    }),
    support: await createUser(t.db, hash, {
      email: "staff@support.test",
      password: PASSWORD,
      role: "support",
    }),
  };
  for (const key of ["a", "b", "support"] as const) {
    const r = await signIn(
      { db: t.db, auth: h.auth },
      { email: users[key].email, password: PASSWORD },
      { headers: new Headers(), clientIp: `192.0.2.${key.length}` },
    );
    if (!r.ok) throw new Error(`sign-in of ${key} failed: ${r.code}`);
    cookies[key] = r.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }
  // 1,000 connections of organization B, inserted in one statement.
  const now = new Date();
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    id: randomUUID(),
    organizationId: users.b.organizationId,
    label: `B ${i}`,
    sipUsername: `b${i}`,
    sipDomain: "pbx.org-b.test",
    idempotencyKey: `bulk-${i}`,
    createdAt: now,
    updatedAt: now,
  }));
  await t.db.insert(connections).values(rows);
  foreignIds = rows.map((r) => r.id);
  // One of B's, with a password, pointing at a loopback port nothing listens on.
  const { connection } = await createConnection(t.db, {
    orgId: users.b.organizationId,
    idempotencyKey: "secret-1",
    fields: { label: "B secret", sipUsername: "1050", sipDomain: "127.0.0.1", port: 9, transport: "udp" },
    password: CANARY,
  });
  secretConnectionId = connection.id;
  foreignIds.push(connection.id);
  await createConnection(t.db, {
    orgId: users.a.organizationId,
    idempotencyKey: "a-1",
    fields: { label: "A own", sipUsername: "1", sipDomain: "pbx.org-a.test" },
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("anonymous", () => {
  it("is unauthenticated everywhere", async () => {
    await as("anonymous");
    await expect(requireActor()).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(requireSupport()).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(listSupportConnections(t.db, null)).rejects.toMatchObject({ code: "unauthenticated" });
    h.headers = new Headers({ cookie: "pc.session_token=forged.signature" });
    await expect(requireActor()).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("customer of organization A", () => {
  it("gets 0 of 1,001 foreign connections, by id or by listing", async () => {
    await as("a");
    const actor = await requireActor();
    expect(actor).toMatchObject({ role: "customer", label: "a@org-a.test" });
    let found = 0;
    for (const id of foreignIds) {
      if (await getConnection(t.db, { id, orgId: orgScope(actor) })) found++;
    }
    expect(found).toBe(0);
    const listed = await listConnections(t.db, { orgId: orgScope(actor), limit: 5000 });
    expect(listed.map((c) => c.label)).toEqual(["A own"]);
  });

  it("gets not_found from every wizard operation on a foreign connection, and nothing runs", async () => {
    await as("a");
    const actor = await requireActor();
    const id = secretConnectionId;
    await expect(loadWizardState(t.db, actor, id, "en")).rejects.toMatchObject({ code: "not_found" });
    await expect(activate(t.db, actor, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deactivate(t.db, actor, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      saveConnection(t.db, actor, {
        id,
        expectedVersion: 1,
        intent: "draft",
        values: { label: "hijack", sipUsername: "x", sipDomain: "evil.example", transport: "auto" },
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      runConnectionTest({ db: t.db, actor, connectionId: id, clientIp: "192.0.2.50", locale: "en" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await listTests(t.db, id)).toEqual([]);
    const b = await getConnection(t.db, { id, orgId: null });
    expect(b?.label).toBe("B secret");
  });

  it("never reaches the support queries", async () => {
    await as("a");
    const actor = await requireActor();
    await expect(requireSupport()).rejects.toMatchObject({ code: "forbidden" });
    await expect(listSupportConnections(t.db, actor)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getSupportConnection(t.db, actor, secretConnectionId)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("support", () => {
  it("reads every organization without any password material", async () => {
    await as("support");
    const actor = await requireSupport();
    const page = await listSupportConnections(t.db, actor, { pageSize: 100 });
    expect(page.total).toBe(1002);
    const one = await getSupportConnection(t.db, actor, secretConnectionId);
    expect(one?.passwordSavedAt).toBeInstanceOf(Date);
    const seen = JSON.stringify([page, one]);
    expect(seen).not.toContain(CANARY);
    expect(seen).not.toMatch(/ciphertext|"v1\.\d+\./i);
  });

  it("re-runs a test (the engine gets the password server-side) and gets back no password", async () => {
    await as("support");
    const actor = await requireSupport();
    const r = await runConnectionTest({
      db: t.db,
      actor,
      connectionId: secretConnectionId,
      clientIp: "192.0.2.60",
      locale: "en",
      policy: { allowCidrs: ["127.0.0.0/8"] },
      timeoutMs: 1000,
    });
    expect(r.test.verdict).not.toBe("registered");
    const everything = JSON.stringify([
      r,
      await listTests(t.db, secretConnectionId),
      await listAudit(t.db, {}),
    ]);
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain(Buffer.from(CANARY).toString("base64"));
    const audit = await listAudit(t.db, { connectionId: secretConnectionId });
    expect(audit[0]).toMatchObject({
      action: "connection.tested",
      actorLabel: "support: staff@support.test",
    });
  });

  it("cannot use the customer wizard: no save, activate or deactivate, no listing", async () => {
    await as("support");
    const actor = await requireSupport();
    const id = secretConnectionId;
    const before = await getConnection(t.db, { id, orgId: null });
    const auditBefore = (await listAudit(t.db, { connectionId: id })).length;
    const hijack = { label: "B secret", sipUsername: "1050", sipDomain: "127.0.0.1", transport: "udp" };
    await expect(
      saveConnection(t.db, actor, {
        id,
        expectedVersion: before?.version,
        intent: "test",
        values: { ...hijack, sipPassword: "support-chosen-password" },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      saveConnection(t.db, actor, {
        intent: "draft",
        idempotencyKey: "support-create-1",
        values: { ...hijack, label: "made by support" },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(activate(t.db, actor, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(deactivate(t.db, actor, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(loadWizardState(t.db, actor, id, "en")).rejects.toMatchObject({ code: "forbidden" });
    await expect(listForActor(t.db, actor, "en")).rejects.toMatchObject({ code: "forbidden" });
    // Nothing changed: same version, same password timestamp, no new audit event, no new row.
    const after = await getConnection(t.db, { id, orgId: null });
    expect(after?.version).toBe(before?.version);
    expect(after?.passwordSavedAt?.getTime()).toBe(before?.passwordSavedAt?.getTime());
    expect(await listAudit(t.db, { connectionId: id })).toHaveLength(auditBefore);
    const all = await listConnections(t.db, { orgId: null, limit: 5000 });
    expect(all.some((c) => c.label === "made by support")).toBe(false);
  });

  it("keeps its own console actions: note and deactivate", async () => {
    await as("support");
    const actor = await requireSupport();
    await addInternalNote(t.db, actor, { connectionId: secretConnectionId, note: "called the customer" });
    const off = await deactivateAsSupport(t.db, actor, secretConnectionId);
    expect(off.status).toBe("disabled");
    const actions = (await listAudit(t.db, { connectionId: secretConnectionId })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["connection.note_added", "connection.deactivated"]));
  });

  it("has no code path to the decrypting function", () => {
    // The one decrypt-for-use function is loadSecretForTest (db/queries/connection-secret.ts);
    // only the test runner imports it. Support code imports neither it nor the crypto module.
    const root = process.cwd();
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) =>
        d.isDirectory()
          ? walk(join(dir, d.name))
          : /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name)
            ? [join(dir, d.name)]
            : [],
      );
    const app = ["app", "lib", "server", "components", "db"].flatMap(walk);
    const importers = app.filter((f) =>
      /from\s+["'][^"']*connection-secret["']/.test(readFileSync(join(root, f), "utf8")),
    );
    expect(importers.sort()).toEqual(["server/connections/run-test.ts"]);
    const supportFiles = [
      "db/queries/support.ts",
      ...walk("server/support"),
      ...walk("components/support"),
      ...walk(join("app", "(main)", "support")),
    ];
    for (const f of supportFiles) {
      const src = readFileSync(join(root, f), "utf8");
      expect(src, f).not.toMatch(/connection-secret|@\/lib\/crypto|decryptSecret|passwordCiphertext/);
    }
  });
});
