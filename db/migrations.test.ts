import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, MIGRATIONS_FOLDER, openDb, queryRows } from "./client";
import { openTestDb, type TestDb, testDriver } from "./testing";

const EXPECTED_TABLES = [
  "audit_events",
  "connection_tests",
  "connections",
  "credential_attempts",
  "org_target_hosts",
  "organizations",
  "rate_cooldowns",
  "rate_events",
  "users",
];

// Other features add migrations; every one listed in the journal must be applied.
const journal: { entries: unknown[] } = JSON.parse(
  readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
);
const MIGRATION_COUNT = journal.entries.length;

async function tables(db: Db): Promise<string[]> {
  const res = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return res.map((r) => r.table_name);
}

async function appliedMigrations(db: Db): Promise<number> {
  const res = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return res[0]?.n ?? -1;
}

async function triggers(db: Db): Promise<string[]> {
  const res = await queryRows<{ tgname: string }>(
    db,
    sql`select tgname from pg_trigger where tgrelid = 'audit_events'::regclass and not tgisinternal order by tgname`,
  );
  return res.map((r) => r.tgname);
}

describe(`migrations (${testDriver()})`, () => {
  let t: TestDb;
  let pgliteDir: string | undefined;

  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    await t?.close();
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  });

  it("apply cleanly from empty", async () => {
    expect(await tables(t.db)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    expect(await appliedMigrations(t.db)).toBe(MIGRATION_COUNT);
    expect(await triggers(t.db)).toEqual(["audit_events_no_truncate", "audit_events_no_update_delete"]);
  });

  it("re-run on an already migrated database is a no-op", async () => {
    if (t.driver === "postgres") {
      const url = t.url;
      if (!url) throw new Error("postgres test db without url");
      // Two instances starting at once: the advisory lock serializes them.
      const [a, b] = await Promise.all([openDb({ url }), openDb({ url })]);
      expect(await appliedMigrations(a.db)).toBe(MIGRATION_COUNT);
      await Promise.all([a.close(), b.close()]);
      const again = await openDb({ url });
      expect(await tables(again.db)).toEqual(await tables(t.db));
      expect(await appliedMigrations(again.db)).toBe(MIGRATION_COUNT);
      await again.close();
    } else {
      // A PGlite directory on disk, opened, closed and opened again (what each app start does).
      pgliteDir = mkdtempSync(join(tmpdir(), "pc-pglite-"));
      const first = await openDb({ dataDir: pgliteDir });
      await first.db.execute(sql`insert into organizations (name) values ('kept')`);
      await first.close();
      const second = await openDb({ dataDir: pgliteDir });
      expect(await tables(second.db)).toEqual(await tables(t.db));
      expect(await appliedMigrations(second.db)).toBe(MIGRATION_COUNT);
      const kept = await queryRows<{ name: string }>(second.db, sql`select name from organizations`);
      expect(kept.map((r) => r.name)).toEqual(["kept"]);
      await second.close();
    }
  });
});
