/** Types for scripts/db-tests.mjs (read by vitest.config.ts). */
export function databaseTests(): string[];
