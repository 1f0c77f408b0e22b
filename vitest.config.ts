import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { databaseTests } from "./scripts/db-tests.mjs";

// TEST_DATABASE=postgres repeats only the tests that touch the database: those that import
// db/testing.ts, directly or through a helper (scripts/db-tests.mjs). Everything else runs once.
const onPostgres = process.env.TEST_DATABASE === "postgres";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside Next's server bundle; tests are server code.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: onPostgres ? databaseTests() : ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
