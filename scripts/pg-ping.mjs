// Exits 0 when the PostgreSQL at argv[2] answers, 1 otherwise (used by scripts/test-all.sh).
import pg from "pg";

const client = new pg.Client({ connectionString: process.argv[2], connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query("select 1");
  await client.end();
  process.exit(0);
} catch (err) {
  console.error(`PostgreSQL not reachable: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
