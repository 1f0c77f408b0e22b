import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCredentialKeys } from "@/lib/crypto/keyring";
import { queryRows } from "./client";
import { appendAudit, listAudit } from "./queries/audit";
import { loadSecretForTest, rotateCredentials } from "./queries/connection-secret";
import { createConnection, getConnection, listConnections, updateConnection } from "./queries/connections";
import { createOrganization } from "./queries/organizations";
import { latestTest, listTests, recordTestResult, recordTestStart } from "./queries/tests";
import { openTestDb, type TestDb, testDriver } from "./testing";

/** Every encoding a careless leak might use. */
function spellings(secret: string): string[] {
  const b = Buffer.from(secret, "utf8");
  return [
    secret,
    b.toString("base64"),
    b.toString("base64").replace(/=+$/, ""),
    b.toString("base64url"),
    b.toString("hex"),
    b.toString("hex").toUpperCase(),
    encodeURIComponent(secret),
  ];
}

function findLeak(haystack: string | Buffer, secrets: readonly string[]): string | undefined {
  const text = Buffer.isBuffer(haystack) ? haystack.toString("latin1") : haystack;
  const lower = text.toLowerCase();
  for (const s of secrets) {
    for (const form of spellings(s)) {
      if (text.includes(form) || lower.includes(form.toLowerCase())) return `${s} as ${form}`;
    }
  }
  return undefined;
}

describe(`canary password (${testDriver()})`, () => {
  let t: TestDb;
  const ring1 = parseCredentialKeys(`v1:${randomBytes(32).toString("base64")}`);
  const ring2 = parseCredentialKeys(
    `v2:${randomBytes(32).toString("base64")},v1:${ring1.key(1)?.toString("base64")}`,
  );
  const canaries = [`CANARY-${randomUUID()}`, `canary2-${randomUUID()}`] as const;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
  });

  it("is found in no database dump, no table as text and no log line", async () => {
    const capture = (...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === "string" ? a : (JSON.stringify(a) ?? String(a)))).join(" "));
    };
    for (const m of ["log", "info", "warn", "error", "debug", "trace"] as const) {
      vi.spyOn(console, m).mockImplementation(capture);
    }
    const write = (chunk: unknown) => {
      logged.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(write);
    vi.spyOn(process.stderr, "write").mockImplementation(write);

    // Everything the app does with a password, through the data layer.
    const org = await createOrganization(t.db, { name: "Canary Inc" });
    const { connection } = await createConnection(t.db, {
      orgId: org.id,
      idempotencyKey: randomUUID(),
      fields: { label: "Canary", sipUsername: "1050", sipDomain: "pbx.example.com" },
      password: canaries[0],
      ring: ring1,
    });
    await appendAudit(t.db, {
      organizationId: org.id,
      connectionId: connection.id,
      actorLabel: "test",
      action: "connection.created",
      details: { passwordChanged: true },
    });
    const updated = await updateConnection(t.db, {
      id: connection.id,
      orgId: org.id,
      expectedVersion: connection.version,
      fields: { label: "Canary 2" },
      password: canaries[1],
      ring: ring1,
    });
    if (!updated.ok) throw updated.error;
    expect(connection.passwordSavedAt).toBeInstanceOf(Date);
    const loaded = await loadSecretForTest(t.db, connection.id, ring1);
    if (!loaded.ok) throw new Error(loaded.code);
    expect(loaded.account.password.reveal()).toBe(canaries[1]);
    // Deliberately log the loaded secret: the captured output must show "[redacted]", never the canary.
    console.log("loaded account", loaded.account, `${loaded.account.password}`);
    const test = await recordTestStart(t.db, { connectionId: connection.id, credentialRevision: 2 });
    await recordTestResult(t.db, {
      testId: test.id,
      outcome: { verdict: "wrong_credentials", ok: false, trace: ["REGISTER sip:pbx.example.com SIP/2.0"] },
    });
    await rotateCredentials(t.db, { ring: ring2 });
    const reads = [
      await getConnection(t.db, { id: connection.id, orgId: org.id }),
      await listConnections(t.db, { orgId: null }),
      await listTests(t.db, connection.id),
      await latestTest(t.db, connection.id),
      await listAudit(t.db, { connectionId: connection.id }),
    ];
    vi.restoreAllMocks();

    // Controls: the search finds an encoded canary, and the log capture saw our line.
    expect(findLeak(`x${Buffer.from(canaries[1]).toString("base64")}y`, canaries)).toBeDefined();
    expect(logged.join("\n")).toContain("loaded account");

    expect(findLeak(JSON.stringify(reads), canaries)).toBeUndefined();
    expect(findLeak(logged.join("\n"), canaries)).toBeUndefined();

    const tables = await queryRows<{ table_schema: string; table_name: string }>(
      t.db,
      sql`select table_schema, table_name from information_schema.tables where table_schema in ('public', 'drizzle')`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const { table_schema, table_name } of tables) {
      const rows = await queryRows<{ row: string }>(
        t.db,
        sql`select t::text as row from ${sql.identifier(table_schema)}.${sql.identifier(table_name)} t`,
      );
      expect(findLeak(rows.map((r) => r.row).join("\n"), canaries), table_name).toBeUndefined();
    }
    const stored = await queryRows<{ password_ciphertext: string }>(
      t.db,
      sql`select password_ciphertext from connections where id = ${connection.id}`,
    );
    expect(stored[0]?.password_ciphertext).toMatch(/^v2\.2\./);

    const dump = await t.dump();
    expect(dump.length).toBeGreaterThan(1000);
    // The dump does hold the row itself, so the search is known to look in the right place.
    expect(dump.includes("Canary 2")).toBe(true);
    expect(findLeak(dump, canaries)).toBeUndefined();
  });
});
