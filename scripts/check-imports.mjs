#!/usr/bin/env node
/**
 * The import rules of the layout (README "Architecture"), checked on the source (tests, e2e and
 * bench excluded): arrows only point down, and there are no cycles. Type-only imports count too:
 * a type is a dependency on the module that declares it.
 *
 *   app/ ──> components/ ──> server/ ──> db/ ──> lib/
 *     └──────────────────────────┘
 *
 * Run: `node scripts/check-imports.mjs` (part of `npm run check`). `--graph` prints every edge.
 * Plain Node, no dependencies (the graph: scripts/import-graph.mjs).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { importsOf, ROOT, walk } from "./import-graph.mjs";

const SOURCE_DIRS = ["app", "components", "server", "lib", "db", "scripts"];
const SOURCE_FILES = ["proxy.ts", "instrumentation.ts"];
const SKIP = /(\.test\.tsx?$|\.d\.ts$|(^|\/)testing(\/|\.ts$))/;

/** [rule, from-prefix, forbidden target prefixes or packages] */
const RULES = [
  ["db imports only lib/ (schema and queries, no services)", "db/", ["server/", "app/", "components/"]],
  [
    "lib/ is pure: no database, services, pages, UI or Next.js",
    "lib/",
    [
      "server/",
      "db/",
      "app/",
      "components/",
      "pkg:next",
      "pkg:next-intl/server",
      "pkg:drizzle-orm",
      "pkg:pg",
    ],
  ],
  ["components never import pages (server actions live in server/actions/)", "components/", ["app/"]],
  ["services never import pages", "server/", ["app/", "components/"]],
];

/** Cycles tolerated for now, each listed with exactly its files. None today: keep it that way. */
const TOLERATED_CYCLES = [];
const tolerates = (entry, cycle) =>
  typeof entry === "string"
    ? cycle.every((f) => f.startsWith(entry))
    : entry.length === cycle.length && entry.every((f) => cycle.includes(f));

/** Modules with one public entry: from outside, only that file (or its testing/ helpers). */
const ENTRIES = [
  ["lib/sip/", "lib/sip/index.ts"],
  ["lib/net/", "lib/net/index.ts"],
];

const files = [
  ...SOURCE_DIRS.flatMap((d) => walk(d, SKIP)),
  ...SOURCE_FILES.filter((f) => existsSync(join(ROOT, f))),
];
const edges = importsOf(files);

const problems = [];
const matches = (to, prefix) =>
  prefix.startsWith("pkg:") ? to === prefix || to.startsWith(`${prefix}/`) : to.startsWith(prefix);

for (const [f, tos] of edges) {
  for (const to of tos) {
    if (to.startsWith("missing:")) problems.push(`${f} imports ${to.slice(8)}, which does not resolve`);
    for (const [rule, from, banned] of RULES) {
      if (f.startsWith(from) && banned.some((b) => matches(to, b))) problems.push(`${f} → ${to}: ${rule}`);
    }
    for (const [inside, entry] of ENTRIES) {
      if (
        !f.startsWith(inside) &&
        to.startsWith(inside) &&
        to !== entry &&
        !to.startsWith(`${inside}testing/`)
      )
        problems.push(`${f} → ${to}: outside ${inside} import ${entry} only`);
    }
  }
}

// Cycles: strongly connected components of the file graph (Tarjan), larger than one file.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
let counter = 0;
function connect(v) {
  index.set(v, counter);
  low.set(v, counter);
  counter += 1;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!edges.has(w)) continue;
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const f of edges.keys()) if (!index.has(f)) connect(f);
const warnings = [];
for (const c of cycles) {
  const tolerated = TOLERATED_CYCLES.some((entry) => tolerates(entry, c));
  (tolerated ? warnings : problems).push(`import cycle: ${c.join(" ⇄ ")}`);
}
for (const entry of TOLERATED_CYCLES) {
  if (!cycles.some((c) => tolerates(entry, c)))
    warnings.push(`no cycle left for ${entry}: remove it from TOLERATED_CYCLES`);
}
for (const w of warnings) console.warn(`warning: ${w}`);

if (process.argv.includes("--graph")) {
  for (const [f, tos] of edges)
    for (const to of tos) if (!to.startsWith("pkg:")) console.log(`${f} -> ${to}`);
}
if (problems.length > 0) {
  console.error(`Import rules: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
const count = [...edges.values()].reduce((n, tos) => n + tos.length, 0);
console.log(
  `Import rules: ${files.length} files, ${count} imports, no upward arrows, no cycles${warnings.length ? " (but see the warnings)" : ""}.`,
);
