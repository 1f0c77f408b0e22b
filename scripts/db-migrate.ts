// `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the PGlite database under
// DATA_DIR when it is unset. The app also migrates on first open; this is for deploys and CI.
// Runs as `tsx --conditions=react-server` so `server-only` imports resolve outside Next.
// With PGlite, stop the app first: two processes on one PGlite directory lose data.
import { sql } from "drizzle-orm";
import { openDb, queryRows } from "@/db/client";
import { env } from "@/lib/env";

function describeTarget(url: string | undefined, dataDir: string): string {
  if (!url) return `PGlite in ${dataDir}/pglite`;
  const u = new URL(url);
  if (u.password) u.password = "***";
  return `PostgreSQL at ${u.toString()}`;
}

const e = env();
console.log(`Applying migrations to ${describeTarget(e.DATABASE_URL, e.DATA_DIR)} ...`);
const opened = await openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
try {
  const rows = await queryRows<{ n: number }>(
    opened.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  console.log(`Done: ${rows[0]?.n ?? 0} migrations applied in total.`);
} finally {
  await opened.close();
}
