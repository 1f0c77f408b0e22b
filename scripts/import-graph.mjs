/**
 * The repository's import graph, read from source: `import … from`, `export … from` and
 * `import()`, with "@/" and relative specifiers resolved to files. Shared by
 * scripts/check-imports.mjs (the layout rules) and scripts/db-tests.mjs (which tests touch the
 * database). Plain Node, no dependencies.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
const EXT = /\.(ts|tsx|mjs)$/;
const IGNORED_DIRS = new Set(["node_modules", ".next", ".data", "dist", "test-results", ".test-reports"]);

/** Source files under `dir` (repository-relative paths), minus what `skip` matches. */
export function walk(dir, skip = /$^/) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const rel = dir === "." ? name : join(dir, name);
    if (IGNORED_DIRS.has(name) || name.startsWith(".")) return [];
    if (statSync(join(ROOT, rel)).isDirectory()) return walk(rel, skip);
    return EXT.test(name) && !skip.test(rel) ? [rel] : [];
  });
}

const IMPORT =
  /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function specifiers(text) {
  // Comments may mention imports; strip them first.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

function resolveFile(base) {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, join(base, "index.ts")]) {
    const abs = join(ROOT, candidate);
    if (existsSync(abs) && statSync(abs).isFile()) return candidate;
  }
  return null;
}

/** A specifier as a repository path, `pkg:<name>` for a package, `missing:<spec>`, or null (node:). */
export function target(from, spec) {
  if (spec.startsWith("node:")) return null;
  if (spec.startsWith("@/")) return resolveFile(spec.slice(2)) ?? `missing:${spec}`;
  if (spec.startsWith("."))
    return resolveFile(relative(ROOT, resolve(ROOT, dirname(from), spec))) ?? `missing:${spec}`;
  return `pkg:${spec}`;
}

/** file → the targets it imports. */
export function importsOf(files) {
  const edges = new Map();
  for (const f of files) {
    const tos = [];
    for (const spec of specifiers(readFileSync(join(ROOT, f), "utf8"))) {
      const to = target(f, spec);
      if (to) tos.push(to);
    }
    edges.set(f, tos);
  }
  return edges;
}
