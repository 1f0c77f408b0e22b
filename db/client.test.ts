import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { closeDb, getDb, openDb, queryRows } from "./client";
import { openTestDb, type TestDb, testDriver } from "./testing";

describe(`getDb (${testDriver()})`, () => {
  let t: TestDb | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "pc-getdb-"));
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

  beforeAll(async () => {
    // For Postgres, a fresh database to point DATABASE_URL at; PGlite uses DATA_DIR.
    if (testDriver() === "postgres") t = await openTestDb();
    process.env.DATABASE_URL = t?.url ?? "";
    process.env.DATA_DIR = dataDir;
    resetEnvCache();
  });
  afterAll(async () => {
    await closeDb();
    await t?.close();
    process.env.DATABASE_URL = saved.DATABASE_URL;
    process.env.DATA_DIR = saved.DATA_DIR;
    resetEnvCache();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("opens one migrated instance per process", async () => {
    const [a, b] = await Promise.all([getDb(), getDb()]);
    expect(a).toBe(b);
    const rows = await queryRows<{ n: number }>(a, sql`select count(*)::int as n from connections`);
    expect(rows[0]?.n).toBe(0);
    await closeDb();
    const c = await getDb();
    expect(c).not.toBe(a);
    await closeDb();
  });

  it("survives the server dropping its connections (e.g. a PostgreSQL restart)", async () => {
    const db = await getDb();
    await queryRows(db, sql`select 1`);
    if (t) {
      const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
      // Kill every backend of this database except our own: the pool's idle clients die.
      const killer = await openDb({ url: t.url, migrate: false });
      const killed = await queryRows<{ ok: boolean }>(
        killer.db,
        sql`select pg_terminate_backend(pid) as ok from pg_stat_activity
            where datname = current_database() and application_name = 'phone-connection'
              and pid <> pg_backend_pid()`,
      );
      await killer.close();
      // Every killed idle client must have reported its death before the next query, or the
      // pool could still hand out one whose socket is about to close.
      const dead = killed.filter((r) => r.ok).length;
      expect(dead).toBeGreaterThan(0);
      await vi.waitFor(() => expect(errors.mock.calls.length).toBeGreaterThanOrEqual(dead));
      errors.mockRestore();
    }
    // Still alive, and the next query gets a fresh connection.
    const rows = await queryRows<{ ok: number }>(db, sql`select 1 as ok`);
    expect(rows[0]?.ok).toBe(1);
    await closeDb();
  });

  it("a failed open is not cached: the next call tries again", async () => {
    await closeDb();
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/none";
    resetEnvCache();
    await expect(getDb()).rejects.toThrow();
    process.env.DATABASE_URL = t?.url ?? "";
    resetEnvCache();
    const db = await getDb();
    expect((await queryRows<{ ok: number }>(db, sql`select 1 as ok`))[0]?.ok).toBe(1);
  });
});
