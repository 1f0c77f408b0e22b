import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are applied by db/client.ts (and `npm run db:migrate`),
// for both PostgreSQL and PGlite.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./db/schema.ts", "./db/auth-schema.ts"],
  out: "./db/migrations",
});
