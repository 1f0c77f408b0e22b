import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries/audit";
import { createConnection } from "@/db/queries/connections";
import { createOrganization } from "@/db/queries/organizations";
import { recordTestResult, recordTestStart } from "@/db/queries/tests";
import { openTestDb, type TestDb } from "@/db/testing";
import { parseCredentialKeys } from "@/lib/crypto/keyring";
import {
  addInternalNote,
  deactivateAsSupport,
  getSupportConnection,
  listSupportConnections,
  recordSupportView,
} from "./service";

const ring = parseCredentialKeys(`v1:${randomBytes(32).toString("base64")}`);
const CANARY = "Canary-Pa55word-for-support";
let t: TestDb;
let orgA: string;
let orgB: string;
const support = { role: "support" as const, organizationId: "", userId: null, label: "support@test" };

async function addConnection(orgId: string, n: number, verdict: string | null, at: Date) {
  const { connection } = await createConnection(t.db, {
    orgId,
    idempotencyKey: `k-${orgId}-${n}`,
    fields: { label: `Colleague ${n}`, sipUsername: `user_${n}`, sipDomain: `pbx${n}.example.com` },
    password: CANARY,
    now: at,
    ring,
  });
  if (verdict) {
    const test = await recordTestStart(t.db, {
      connectionId: connection.id,
      credentialRevision: connection.credentialRevision,
      now: at,
    });
    await recordTestResult(t.db, {
      testId: test.id,
      outcome: { verdict, ok: verdict === "registered", pbxProduct: "Asterisk PBX 20" },
      now: at,
    });
  }
  return connection;
}

beforeAll(async () => {
  t = await openTestDb();
  orgA = (await createOrganization(t.db, { name: "Acme Plumbing" })).id;
  orgB = (await createOrganization(t.db, { name: "Bakery 100%" })).id;
  support.organizationId = orgA;
  const base = Date.UTC(2025, 0, 1);
  await addConnection(orgA, 1, "registered", new Date(base + 5_000));
  await addConnection(orgA, 2, "wrong_credentials", new Date(base + 1_000));
  await addConnection(orgB, 3, "timeout", new Date(base + 3_000));
  await addConnection(orgB, 4, null, new Date(base + 4_000));
  await addConnection(orgB, 5, "registered", new Date(base + 2_000));
});

afterAll(async () => {
  await t?.close();
});

describe("listSupportConnections", () => {
  it("refuses anyone but support", async () => {
    await expect(listSupportConnections(t.db, null)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(
      listSupportConnections(t.db, { role: "customer", organizationId: orgA }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lists every organization, most recent problems first", async () => {
    const page = await listSupportConnections(t.db, support);
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.label)).toEqual([
      "Colleague 3",
      "Colleague 2",
      "Colleague 1",
      "Colleague 4",
      "Colleague 5",
    ]);
    const first = page.rows[0];
    expect(first).toMatchObject({ organizationName: "Bakery 100%", latestVerdict: "timeout", problem: true });
    expect(first?.lastTestAt).toBeInstanceOf(Date);
    expect(first?.pbxProduct).toBe("Asterisk PBX 20");
    expect(JSON.stringify(page)).not.toContain(CANARY);
    expect(JSON.stringify(page)).not.toMatch(/ciphertext|v1\.1\./);
  });

  it("filters by verdict, status and search, and paginates", async () => {
    const byVerdict = await listSupportConnections(t.db, support, { verdict: "registered" });
    expect(byVerdict.rows.map((r) => r.label).sort()).toEqual(["Colleague 1", "Colleague 5"]);
    const untested = await listSupportConnections(t.db, support, { verdict: "untested" });
    expect(untested.rows.map((r) => r.label)).toEqual(["Colleague 4"]);
    const failed = await listSupportConnections(t.db, support, { status: "failed" });
    expect(failed.total).toBe(2);
    expect((await listSupportConnections(t.db, support, { q: "acme" })).total).toBe(2);
    expect((await listSupportConnections(t.db, support, { q: "PBX3.example" })).total).toBe(1);
    expect((await listSupportConnections(t.db, support, { q: "user_4" })).total).toBe(1);
    // % and _ are literal characters, not wildcards.
    expect((await listSupportConnections(t.db, support, { q: "100%" })).total).toBe(3);
    expect((await listSupportConnections(t.db, support, { q: "r_1" })).total).toBe(1);
    expect((await listSupportConnections(t.db, support, { q: "%" })).total).toBe(3);
    const p2 = await listSupportConnections(t.db, support, { page: 2, pageSize: 2 });
    expect(p2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(p2.rows.map((r) => r.label)).toEqual(["Colleague 1", "Colleague 4"]);
  });
});

describe("support connection page", () => {
  it("reads any organization's connection without the password, and audits views", async () => {
    const [row] = (await listSupportConnections(t.db, support, { q: "user_3" })).rows;
    if (!row) throw new Error("seed missing");
    const c = await getSupportConnection(t.db, support, row.id);
    expect(c).toMatchObject({ organizationName: "Bakery 100%", sipUsername: "user_3" });
    expect(c?.passwordSavedAt).toBeInstanceOf(Date);
    expect(Object.keys(c ?? {})).not.toContain("passwordCiphertext");
    expect(JSON.stringify(c)).not.toContain(CANARY);
    expect(await getSupportConnection(t.db, support, "not-a-uuid")).toBeUndefined();
    expect(await getSupportConnection(t.db, support, "00000000-0000-4000-8000-00000000ffff")).toBeUndefined();
    await expect(
      getSupportConnection(t.db, { role: "customer", organizationId: orgB }, row.id),
    ).rejects.toMatchObject({ code: "forbidden" });

    if (!c) throw new Error("missing");
    await recordSupportView(t.db, support, c);
    await addInternalNote(t.db, support, { connectionId: c.id, note: "  Customer called about timeouts.  " });
    await expect(addInternalNote(t.db, support, { connectionId: c.id, note: "   " })).rejects.toMatchObject({
      code: "validation",
    });
    const disabled = await deactivateAsSupport(t.db, support, c.id);
    expect(disabled.status).toBe("disabled");
    const audit = await listAudit(t.db, { connectionId: c.id });
    expect(audit.map((e) => e.action)).toEqual([
      "connection.deactivated",
      "connection.note_added",
      "connection.support_viewed",
    ]);
    expect(audit[1]?.details).toEqual({ note: "Customer called about timeouts." });
    expect(audit.every((e) => e.actorLabel === "support@test")).toBe(true);
  });
});
