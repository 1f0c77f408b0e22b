#!/usr/bin/env node
/**
 * The vitest files that touch the database: those that reach db/testing.ts (openTestDb) through
 * their imports, directly or through a helper. They run twice (PGlite, then PostgreSQL); every
 * other test runs once. vitest.config.ts uses this list when TEST_DATABASE=postgres, so a new
 * database test is included by importing db/testing.ts, with nothing to register.
 *
 * `node scripts/db-tests.mjs` prints the list.
 */
import { fileURLToPath } from "node:url";
import { importsOf, walk } from "./import-graph.mjs";

const TESTING = "db/testing.ts";
const TEST = /\.test\.tsx?$/;

export function databaseTests() {
  const files = walk(".", /^(e2e|bench)\//);
  const edges = importsOf(files);
  const memo = new Map();
  const reaches = (f, seen = new Set()) => {
    if (f === TESTING) return true;
    if (memo.has(f)) return memo.get(f);
    if (seen.has(f)) return false;
    seen.add(f);
    const hit = (edges.get(f) ?? []).some((to) => edges.has(to) && reaches(to, seen));
    memo.set(f, hit);
    return hit;
  };
  return files.filter((f) => TEST.test(f) && reaches(f)).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of databaseTests()) console.log(f);
}
