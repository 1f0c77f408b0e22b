import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCredentialKeys } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { queryRows } from "../client";
import { openTestDb, type TestDb, testDriver } from "../testing";
import { loadSecretForTest, rotateCredentials } from "./connection-secret";
import { createConnection, updateConnection } from "./connections";
import { createOrganization } from "./organizations";

const key = () => randomBytes(32).toString("base64");
const k1 = key();
const k2 = key();
const ringV1 = parseCredentialKeys(`v1:${k1}`);
const ringV2 = parseCredentialKeys(`v2:${k2},v1:${k1}`);
const onlyV2 = parseCredentialKeys(`v2:${k2}`);

describe(`the one decrypt path and key rotation (${testDriver()})`, () => {
  let t: TestDb;
  let orgId: string;

  beforeAll(async () => {
    t = await openTestDb();
    orgId = (await createOrganization(t.db, { name: "Rotate" })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function countOnVersion(v: number): Promise<number> {
    const r = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from connections where password_key_version = ${v}`,
    );
    return r[0]?.n ?? -1;
  }

  it("loads account and password of one revision; reports missing rows and passwords", async () => {
    const { connection } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields: { label: "L", sipUsername: "1050", sipDomain: "10.0.0.1", transport: "tcp", port: 5070 },
      password: "pw-1",
      ring: ringV1,
    });
    const loaded = await loadSecretForTest(t.db, connection.id, ringV1);
    if (!loaded.ok) throw new Error(loaded.code);
    expect(loaded.account).toMatchObject({
      sipUsername: "1050",
      transport: "tcp",
      port: 5070,
      credentialRevision: 1,
    });
    expect(loaded.account.password.reveal()).toBe("pw-1");
    expect(JSON.stringify(loaded)).not.toContain("pw-1");

    const updated = await updateConnection(t.db, {
      id: connection.id,
      orgId,
      expectedVersion: connection.version,
      fields: {},
      password: "pw-2",
      ring: ringV1,
    });
    if (!updated.ok) throw updated.error;
    const again = await loadSecretForTest(t.db, connection.id, ringV1);
    expect(again.ok && again.account.password.reveal()).toBe("pw-2");
    expect(again.ok && again.account.credentialRevision).toBe(2);

    expect(await loadSecretForTest(t.db, randomUUID(), ringV1)).toEqual({ ok: false, code: "not_found" });
    const { connection: draft } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields: { label: "no pw", sipUsername: "1", sipDomain: "x.example" },
    });
    expect(await loadSecretForTest(t.db, draft.id, ringV1)).toEqual({ ok: false, code: "no_password" });
    const wrong = parseCredentialKeys(`v1:${key()}`);
    expect(await loadSecretForTest(t.db, connection.id, wrong)).toEqual({
      ok: false,
      code: "decrypt_auth_failed",
    });
  });

  it("rotation leaves 0 rows on the old key, every row decrypts with the new key alone, re-runs are no-ops", async () => {
    const passwords = new Map<string, string>();
    for (let i = 0; i < 23; i++) {
      const pw = `pw-${i}-${randomUUID()}`;
      const { connection } = await createConnection(t.db, {
        orgId,
        idempotencyKey: randomUUID(),
        fields: { label: `c${i}`, sipUsername: `${1000 + i}`, sipDomain: "pbx.example.com" },
        password: pw,
        ring: ringV1,
      });
      passwords.set(connection.id, pw);
    }
    const before = await countOnVersion(1);
    expect(before).toBeGreaterThanOrEqual(23);

    const batches: number[] = [];
    const report = await rotateCredentials(t.db, {
      ring: ringV2,
      batchSize: 5,
      onBatch: (n) => batches.push(n),
    });
    expect(report).toEqual({ rotated: before, failed: [], remaining: 0 });
    expect(batches.length).toBeGreaterThanOrEqual(5);
    expect(await countOnVersion(1)).toBe(0);

    for (const [id, pw] of passwords) {
      const loaded = await loadSecretForTest(t.db, id, onlyV2);
      if (!loaded.ok) throw new Error(`${id}: ${loaded.code}`);
      expect(loaded.account.password.reveal()).toBe(pw);
    }
    // Rotation does not count as an edit: no conflicts for open forms, no re-test needed.
    const v = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from connections where version <> 1 and label like 'c%'`,
    );
    expect(v[0]?.n).toBe(0);

    expect(await rotateCredentials(t.db, { ring: ringV2, batchSize: 5 })).toEqual({
      rotated: 0,
      failed: [],
      remaining: 0,
    });
  });

  it("a row no key can open is reported, not looped on or overwritten", async () => {
    const stranger = parseCredentialKeys(`v1:${key()}`);
    const { connection } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields: { label: "bad", sipUsername: "9", sipDomain: "pbx.example.com" },
      password: "unreadable",
      ring: stranger,
    });
    const report = await rotateCredentials(t.db, { ring: ringV2, batchSize: 2 });
    expect(report).toEqual({ rotated: 0, failed: [connection.id], remaining: 1 });
    await t.db.execute(sql`delete from connections where id = ${connection.id}`);
  });

  it("rotation binds legacy (v1, unbound) ciphertexts to their destination; then a moved row fails", async () => {
    const { connection } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields: { label: "legacy", sipUsername: "1077", sipDomain: "legacy.example.com" },
      ring: ringV2,
    });
    const legacy = encryptSecret(ringV2, "legacy-pw", connection.id);
    expect(legacy.ciphertext).toMatch(/^v1\./);
    await t.db.execute(
      sql`update connections set password_ciphertext = ${legacy.ciphertext}, password_key_version = ${legacy.keyVersion}, password_saved_at = now() where id = ${connection.id}`,
    );
    const report = await rotateCredentials(t.db, { ring: ringV2 });
    expect(report.failed).toEqual([]);
    const rows = await queryRows<{ c: string }>(
      t.db,
      sql`select password_ciphertext as c from connections where id = ${connection.id}`,
    );
    expect(rows[0]?.c).toMatch(/^v2\./);
    const loaded = await loadSecretForTest(t.db, connection.id, ringV2);
    expect(loaded.ok && loaded.account.password.reveal()).toBe("legacy-pw");
    await t.db.execute(sql`update connections set sip_domain = 'evil.example' where id = ${connection.id}`);
    expect(await loadSecretForTest(t.db, connection.id, ringV2)).toEqual({
      ok: false,
      code: "decrypt_auth_failed",
    });
  });
});
