import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../client";
import type { Json } from "../schema";
import { openTestDb, type TestDb, testDriver } from "../testing";
import { appendAudit, listAudit } from "./audit";

describe(`audit_events (${testDriver()})`, () => {
  let t: TestDb;
  const orgId = randomUUID();
  const connectionId = randomUUID();

  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("appends and lists newest first", async () => {
    const a = await appendAudit(t.db, {
      organizationId: orgId,
      connectionId,
      actorLabel: "ann@example.com",
      action: "connection.created",
    });
    const b = await appendAudit(t.db, {
      organizationId: orgId,
      connectionId,
      actorLabel: "ann@example.com",
      action: "connection.activated",
      details: { credentialRevision: 2, passwordChanged: false },
    });
    const list = await listAudit(t.db, { connectionId });
    expect(list.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(list[0]?.details).toEqual({ credentialRevision: 2, passwordChanged: false });
    expect(await listAudit(t.db, { connectionId, before: b.id })).toHaveLength(1);
  });

  it("rejects UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await appendAudit(t.db, { organizationId: orgId, actorLabel: "x", action: "a" });
    const attempts = [
      sql`update audit_events set action = 'rewritten'`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ];
    for (const attempt of attempts) {
      const err: unknown = await t.db.execute(attempt).then(
        () => undefined,
        (e: unknown) => e,
      );
      // drizzle wraps the driver error; the trigger's message is in the cause.
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
      expect(cause).toMatch(/audit_events is append-only \((UPDATE|DELETE|TRUNCATE) refused\)/);
    }
    const rows = await queryRows<{ n: number; rewritten: number }>(
      t.db,
      sql`select count(*)::int as n, count(*) filter (where action = 'rewritten')::int as rewritten from audit_events`,
    );
    expect(rows[0]).toEqual({ n: 3, rewritten: 0 });
  });

  it("refuses details that carry a secret-looking string", async () => {
    const cases: Json[] = [{ password: "x" }, { sip: { authorization: "Digest ..." } }, [{ secretKey: "k" }]];
    for (const details of cases) {
      await expect(
        appendAudit(t.db, { organizationId: orgId, actorLabel: "x", action: "connection.updated", details }),
      ).rejects.toThrow(/must not carry secrets/);
    }
  });
});
