import "server-only";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { type Db, type Driver, openDb } from "./client";

/**
 * Test databases. `TEST_DATABASE=pglite` (default) gives an in-memory PGlite per call;
 * `TEST_DATABASE=postgres` creates a fresh database on TEST_DATABASE_URL's server
 * (default postgres://postgres@127.0.0.1:5432/test) and drops it on close, so parallel test
 * files never see each other's rows.
 */
export type TestDb = {
  db: Db;
  driver: Driver;
  /** The Postgres URL of this test database (undefined for PGlite). */
  url?: string;
  /** Everything the database holds, as bytes: pg_dump output or PGlite's data directory tarball. */
  dump(): Promise<Buffer>;
  close(): Promise<void>;
};

const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/test";
const run = promisify(execFile);

export function testDriver(): Driver {
  const v = process.env.TEST_DATABASE ?? "pglite";
  if (v !== "pglite" && v !== "postgres") {
    throw new Error(`TEST_DATABASE must be "pglite" or "postgres", got "${v}".`);
  }
  return v;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `TEST_DATABASE=postgres but PostgreSQL at ${adminUrl} is not reachable (Debian package: postgresql). ` +
        `Cause: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * pool.end() resolves before the server has reaped every backend; dropping WITH (FORCE) at once
 * would kill them mid-goodbye and log errors. Wait for them briefly, then force.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      await adminQuery(adminUrl, `drop database if exists "${name}"`);
      return;
    } catch (err) {
      const busy = err instanceof Error && "code" in err && err.code === "55006";
      if (!busy) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
}

/**
 * A fresh PostgreSQL database whatever TEST_DATABASE says (tests that need several processes), on
 * TEST_DATABASE_URL's server or on the one `adminUrl` names (test/postgres-server.ts).
 */
export async function openPostgresTestDb(
  adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL,
): Promise<TestDb> {
  const name = `pc_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `create database "${name}"`);
  const url = withDatabase(adminUrl, name);
  let opened: Awaited<ReturnType<typeof openDb>>;
  try {
    // Tests queue hundreds of transactions on one pool; a busy CI box must not time them out.
    opened = await openDb({ url, connectionTimeoutMillis: 60_000 });
  } catch (err) {
    await dropDatabase(adminUrl, name);
    throw err;
  }
  return {
    db: opened.db,
    driver: "postgres",
    url,
    dump: async () => {
      try {
        const { stdout } = await run("pg_dump", ["--no-owner", "--dbname", url], {
          encoding: "buffer",
          maxBuffer: 256 * 1024 * 1024,
        });
        return stdout;
      } catch (err) {
        if (err instanceof Error && "code" in err && err.code === "ENOENT") {
          throw new Error("pg_dump not found: install the Debian package postgresql-client.");
        }
        throw err;
      }
    },
    close: async () => {
      await opened.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

async function openPgliteTestDb(): Promise<TestDb> {
  const opened = await openDb({ dataDir: "memory" });
  const client: unknown = (opened.db as { $client?: unknown }).$client;
  if (!(client instanceof PGlite)) throw new Error("expected a PGlite client");
  return {
    db: opened.db,
    driver: "pglite",
    // Uncompressed, so a plaintext anywhere in the heap, WAL or indexes would show.
    dump: async () => Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()),
    close: () => opened.close(),
  };
}

export function openTestDb(): Promise<TestDb> {
  return testDriver() === "postgres" ? openPostgresTestDb() : openPgliteTestDb();
}
