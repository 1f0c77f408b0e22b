import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { Pool } from "pg";
import { env } from "@/lib/env";
import * as schema from "./schema";

/** The query surface shared by both drivers (transactions are a `Db` too). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Driver = "postgres" | "pglite";

export type OpenDbOptions = {
  /** A postgres:// URL; when absent PGlite is used. */
  url?: string;
  /** PGlite's data directory parent (`<dataDir>/pglite`), or "memory" for a throw-away database. */
  dataDir?: string;
  /** Default true: apply pending migrations before returning. */
  migrate?: boolean;
  migrationsFolder?: string;
  /** Postgres: how long to wait for a connection or a free pool slot (default 5 s). */
  connectionTimeoutMillis?: number;
};

export type OpenedDb = {
  db: Db;
  driver: Driver;
  close(): Promise<void>;
};

export const MIGRATIONS_FOLDER = join(process.cwd(), "db", "migrations");
// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_KEY = 7_013_552_881;

async function openPostgres(url: string, opts: OpenDbOptions): Promise<OpenedDb> {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: "phone-connection",
  });
  // An idle client's socket dying (e.g. a Postgres restart) emits 'error' on the pool; without a
  // listener Node treats it as unhandled and the whole process exits. The next query reconnects.
  pool.on("error", (err) => {
    console.error(`[db] idle PostgreSQL connection failed: ${err.message}`);
  });
  try {
    if (opts.migrate !== false) {
      // A session-level advisory lock keeps two app instances from migrating at once.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        try {
          await migratePg(drizzlePg(client, { schema }), {
            migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER,
          });
        } finally {
          await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    } else {
      await pool.query("select 1");
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const db = drizzlePg(pool, { schema });
  return { db, driver: "postgres", close: () => pool.end() };
}

async function openPglite(dataDir: string, opts: OpenDbOptions): Promise<OpenedDb> {
  let client: PGlite;
  if (dataDir === "memory") {
    client = new PGlite();
  } else {
    const dir = join(dataDir, "pglite");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    client = new PGlite(dir);
  }
  try {
    await client.waitReady;
    const db = drizzlePglite(client, { schema });
    if (opts.migrate !== false) {
      await migratePglite(db, { migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER });
    }
    return {
      db,
      driver: "pglite",
      close: async () => {
        if (!client.closed) await client.close();
      },
    };
  } catch (err) {
    if (!client.closed) await client.close().catch(() => undefined);
    throw err;
  }
}

/** Opens a new database handle (tests and scripts). Most code wants `getDb()`. */
export async function openDb(opts: OpenDbOptions = {}): Promise<OpenedDb> {
  if (opts.url) return openPostgres(opts.url, opts);
  return openPglite(opts.dataDir ?? env().DATA_DIR, opts);
}

type DbGlobal = typeof globalThis & { __phoneConnectionDb?: Promise<OpenedDb> };
const holder = globalThis as DbGlobal;

/**
 * The process's database: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR.
 * Cached on globalThis so Next's hot reload never opens a second PGlite on the same directory
 * (two instances on one directory silently lose data).
 */
export function getDb(): Promise<Db> {
  if (!holder.__phoneConnectionDb) {
    const e = env();
    const opening = openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
    holder.__phoneConnectionDb = opening;
    // A failed open must not poison the cache: the next call tries again.
    opening.catch(() => {
      if (holder.__phoneConnectionDb === opening) holder.__phoneConnectionDb = undefined;
    });
  }
  return holder.__phoneConnectionDb.then((o) => o.db);
}

export async function closeDb(): Promise<void> {
  const opening = holder.__phoneConnectionDb;
  holder.__phoneConnectionDb = undefined;
  if (!opening) return;
  const opened = await opening.catch(() => undefined);
  await opened?.close();
}

/**
 * Rows of a raw SQL query. `db.execute` is typed per driver; both node-postgres and PGlite
 * return `{ rows }`, so this gives one typed shape for either.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const res: unknown = await db.execute(query);
  if (typeof res === "object" && res !== null && "rows" in res && Array.isArray(res.rows)) {
    return res.rows as T[];
  }
  throw new Error("unexpected result shape from db.execute");
}
