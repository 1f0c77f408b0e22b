import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCredentialKeys } from "@/lib/crypto/keyring";
import { AppError } from "@/lib/errors";
import { queryRows } from "../client";
import { openTestDb, type TestDb, testDriver } from "../testing";
import {
  activateConnection,
  type ConnectionFields,
  createConnection,
  getConnection,
  listConnections,
  setStatus,
  updateConnection,
} from "./connections";
import { createOrganization } from "./organizations";
import { recordTestResult, recordTestStart } from "./tests";

const ring = parseCredentialKeys(`v1:${randomBytes(32).toString("base64")}`);
const fields: ConnectionFields = { label: "Reception", sipUsername: "1050", sipDomain: "pbx.example.com" };

describe(`connections (${testDriver()})`, () => {
  let t: TestDb;
  let orgId: string;

  beforeAll(async () => {
    t = await openTestDb();
    orgId = (await createOrganization(t.db, { name: "Acme" })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a create submitted twice with the same idempotency key creates one row", async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([
      createConnection(t.db, { orgId, idempotencyKey: key, fields, password: "pw-a", ring }),
      createConnection(t.db, {
        orgId,
        idempotencyKey: key,
        fields: { ...fields, label: "dup" },
        password: "pw-b",
        ring,
      }),
    ]);
    expect(a.connection.id).toBe(b.connection.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await createConnection(t.db, { orgId, idempotencyKey: key, fields, ring });
    expect(again).toMatchObject({ created: false, connection: { id: a.connection.id } });
    const n = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from connections where idempotency_key = ${key}`,
    );
    expect(n[0]?.n).toBe(1);
  });

  it("no query result carries the ciphertext", async () => {
    const { connection } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields,
      password: "secret-pw",
      ring,
    });
    expect(connection.passwordSavedAt).toBeInstanceOf(Date);
    const results: object[] = [
      connection,
      (await getConnection(t.db, { id: connection.id, orgId })) ?? {},
      ...(await listConnections(t.db, { orgId })),
    ];
    for (const r of results) {
      expect(Object.keys(r).some((k) => /cipher|password(?!SavedAt)|keyVersion/i.test(k))).toBe(false);
    }
  });

  it("two concurrent edits: exactly one wins, the other gets conflict", async () => {
    const { connection } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields,
      ring,
    });
    for (let round = 0; round < 5; round++) {
      const current = await getConnection(t.db, { id: connection.id, orgId });
      if (!current) throw new Error("connection vanished");
      const edits = await Promise.all(
        ["left", "right"].map((who) =>
          updateConnection(t.db, {
            id: connection.id,
            orgId,
            expectedVersion: current.version,
            fields: { label: `${who}-${round}` },
          }),
        ),
      );
      const winners = edits.filter((e) => e.ok);
      const losers = edits.filter((e) => !e.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const loser = losers[0];
      if (loser?.ok !== false) throw new Error("expected a loser");
      expect(loser.error).toBeInstanceOf(AppError);
      expect(loser.error.code).toBe("conflict");
      expect(loser.error.status).toBe(409);
    }
    const final = await getConnection(t.db, { id: connection.id, orgId });
    expect(final?.version).toBe(connection.version + 5);
  });

  it("an edit of an unknown or foreign connection is not_found", async () => {
    const { connection } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields,
      ring,
    });
    const other = await createOrganization(t.db, { name: "Other" });
    for (const target of [
      { id: randomUUID(), orgId },
      { id: connection.id, orgId: other.id },
    ]) {
      const r = await updateConnection(t.db, { ...target, expectedVersion: 1, fields: { label: "x" } });
      expect(r.ok ? "ok" : r.error.code).toBe("not_found");
    }
    expect(await getConnection(t.db, { id: connection.id, orgId: other.id })).toBeUndefined();
    expect(await getConnection(t.db, { id: connection.id, orgId: null })).toBeDefined();
  });

  it("credential changes bump credentialRevision; label edits and unchanged values do not", async () => {
    const { connection: c0 } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields,
      password: "pw",
      ring,
    });
    expect(c0.credentialRevision).toBe(1);
    const step = async (version: number, patch: Partial<ConnectionFields>, password?: string) => {
      const r = await updateConnection(t.db, {
        id: c0.id,
        orgId,
        expectedVersion: version,
        fields: patch,
        password,
        ring,
      });
      if (!r.ok) throw r.error;
      return r.connection;
    };
    const c1 = await step(c0.version, { label: "Renamed" });
    expect(c1.credentialRevision).toBe(1);
    const c2 = await step(c1.version, { sipUsername: "1050", sipDomain: "pbx.example.com" });
    expect(c2.credentialRevision).toBe(1);
    // A new destination needs the password again (lib/validation/destination.ts).
    const refused = await updateConnection(t.db, {
      id: c0.id,
      orgId,
      expectedVersion: c2.version,
      fields: { port: 5080 },
      ring,
    });
    expect(refused.ok ? "ok" : refused.error.fieldErrors).toEqual({
      sipPassword: ["validation.passwordAgain"],
    });
    const c3 = await step(c2.version, { port: 5080 }, "pw");
    expect(c3.credentialRevision).toBe(2);
    const c4 = await step(c3.version, { authUsername: null });
    expect(c4.credentialRevision).toBe(2);
    const c5 = await step(c4.version, {}, "new-password");
    expect(c5.credentialRevision).toBe(3);
    expect(+(c5.passwordSavedAt ?? 0)).toBeGreaterThanOrEqual(+(c0.passwordSavedAt ?? 0));
  });

  it("activation needs a passing test of the current credentials; a credential edit revokes it", async () => {
    const { connection: c } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields,
      password: "pw",
      ring,
    });
    const denied = await activateConnection(t.db, { id: c.id, orgId });
    expect(denied.ok ? "ok" : denied.error.code).toBe("invalid_transition");

    expect((await setStatus(t.db, { id: c.id, orgId, event: "test_start" })).ok).toBe(true);
    const test = await recordTestStart(t.db, {
      connectionId: c.id,
      credentialRevision: c.credentialRevision,
    });
    await recordTestResult(t.db, { testId: test.id, outcome: { verdict: "ok", ok: true } });
    expect((await getConnection(t.db, { id: c.id, orgId }))?.status).toBe("verified");

    // The user changes the domain while the page still shows "verified".
    const edited = await updateConnection(t.db, {
      id: c.id,
      orgId,
      expectedVersion: c.version,
      fields: { sipDomain: "pbx2.example.com" },
      password: "pw-for-pbx2",
      ring,
    });
    if (!edited.ok) throw edited.error;
    expect(edited.connection.status).toBe("draft");
    const stale = await activateConnection(t.db, { id: c.id, orgId });
    expect(stale.ok ? "ok" : stale.error.code).toBe("invalid_transition");

    const retest = await recordTestStart(t.db, {
      connectionId: c.id,
      credentialRevision: edited.connection.credentialRevision,
    });
    await recordTestResult(t.db, { testId: retest.id, outcome: { verdict: "ok", ok: true } });
    const active = await activateConnection(t.db, { id: c.id, orgId });
    if (!active.ok) throw active.error;
    expect(active.connection.status).toBe("active");
    expect(active.connection.activatedAt).toBeInstanceOf(Date);

    const off = await setStatus(t.db, { id: c.id, orgId, event: "support_disable" });
    expect(off.ok && off.connection.activatedAt).toBe(null);
    const twice = await setStatus(t.db, { id: c.id, orgId, event: "support_disable" });
    expect(twice.ok ? "ok" : twice.error.code).toBe("invalid_transition");
  });
});
