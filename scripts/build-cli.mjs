/**
 * Builds the sip-check CLI into dist/ so providers start it with plain `node` (no tsx, no
 * TypeScript at run time):
 *
 *   dist/sip-check.cjs         the entry: scripts/cli-loader.cjs, which runs the two below with
 *                              V8's code cache (*.v8cache, written by the first run)
 *   dist/sip-check-main.cjs    the CLI and the engine, one CommonJS file (no ES module loader
 *                              to start: a few ms less than .mjs)
 *   dist/sip-check-parser.cjs  jssip's SIP grammar, loaded on the first message that is parsed
 *   dist/sip-check-call.cjs    the test call (--call), with its configuration and zod
 *   dist/sip-check.inputs.json what the build read, so bin/sip-check.cjs can tell when it is stale
 *
 * Runs on `npm install` (the `prepare` script), from bin/sip-check.cjs when the build is stale,
 * and from the CLI test. Start-up cost is the point (docs/cli.md): jssip's generated grammar is
 * most of the JavaScript and a closed port or a refused address never parses a message, and the
 * TLS module loads only for a TLS attempt.
 */
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");
export const MANIFEST = join(DIST, "sip-check.inputs.json");
export const BUNDLE = join(DIST, "sip-check.cjs");
const MAIN = join(DIST, "sip-check-main.cjs");
const LOADER = "scripts/cli-loader.cjs";
const PARSER_CHUNK = "sip-check-parser.cjs";
// Files that change the output without being bundled inputs.
const ALSO_WATCH = ["scripts/build-cli.mjs", LOADER, "package.json", "node_modules/.package-lock.json"];

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
  write: false,
  // Next.js's guard module throws outside a server component; the CLI is server-side by nature.
  alias: { "server-only": "./scripts/cli-empty-module.mjs" },
  // CommonJS has no import.meta; modules that find files beside themselves (the call prompt's
  // assets) get the bundle's own file URL.
  define: { "import.meta.url": "__bundle_file_url" },
  banner: { js: 'const __bundle_file_url = require("node:url").pathToFileURL(__filename).href;' },
};

/** lib/sip/message/parse.ts's two jssip imports become thin functions over the lazy chunk. */
const lazyJssip = {
  name: "lazy-jssip",
  setup(b) {
    b.onResolve({ filter: /^jssip\/lib\/(Parser|Grammar)$/ }, (a) => ({
      path: a.path,
      namespace: "lazy-jssip",
    }));
    b.onResolve({ filter: /^\.\/sip-check-parser\.cjs$/ }, (a) => ({ path: a.path, external: true }));
    const load = `let loaded;\nconst jssip = () => (loaded ??= require("./${PARSER_CHUNK}"));\n`;
    b.onLoad({ filter: /.*/, namespace: "lazy-jssip" }, (a) => ({
      contents:
        a.path === "jssip/lib/Parser"
          ? `${load}export const parseMessage = (data, ua) => jssip().parseMessage(data, ua);`
          : `${load}export default { parse: (input, rule) => jssip().Grammar.parse(input, rule) };`,
    }));
  },
};

const CALL_CHUNK = "sip-check-call.cjs";

/**
 * sip-check.ts imports ./sip-check-call only dynamically, for --call; it becomes a chunk of its
 * own (bundled separately, so it has its own copy of the engine modules it uses) that the start
 * never reads.
 */
const callChunk = {
  name: "call-chunk",
  setup(b) {
    b.onResolve({ filter: /^\.\/sip-check-call$/ }, (a) =>
      a.kind === "dynamic-import" ? { path: "call", namespace: "call-chunk" } : undefined,
    );
    // A require, not an import(): the loader (scripts/cli-loader.cjs) serves it with its cache.
    b.onResolve({ filter: /^\.\/sip-check-call\.cjs$/ }, (a) => ({ path: a.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: "call-chunk" }, () => ({
      contents: `module.exports = require("./${CALL_CHUNK}");`,
    }));
  },
};

/**
 * Node modules our code imports but a closed port or an IP literal never uses, with the named
 * imports our code takes from them. A new named import fails the build ("No matching export"),
 * so this list cannot silently fall behind.
 */
const LAZY_BUILTINS = {
  "node:tls": ["checkServerIdentity"],
  "node:dns/promises": ["Resolver"],
};

/**
 * Each becomes a stand-in that requires the real module on first use: the default export is a
 * proxy, each named export a function (`new Resolver()` works too: a constructor that returns
 * an object yields that object).
 */
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (a) =>
      a.path in LAZY_BUILTINS && a.namespace !== "lazy-builtin"
        ? { path: a.path, namespace: "lazy-builtin" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (a) => {
      const named = LAZY_BUILTINS[a.path].map(
        (name) =>
          `export function ${name}(...args) {\n  return new.target ? new (real().${name})(...args) : real().${name}(...args);\n}`,
      );
      return {
        contents: `let loaded;
const real = () => (loaded ??= require(${JSON.stringify(a.path)}));
export default new Proxy({}, { get: (_, key) => real()[key] });
${named.join("\n")}`,
      };
    });
  },
};

function writeAtomically(path, contents) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

function stamp(rel) {
  try {
    const s = statSync(join(ROOT, rel));
    return { path: rel, mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return { path: rel, mtimeMs: 0, size: -1 };
  }
}

/** jssip's grammar and parser as the chunk the lazy-jssip stand-ins require. */
async function buildParserChunk(build) {
  return build({
    ...common,
    stdin: {
      // Getters: a module is evaluated only when the engine first uses it.
      contents: `module.exports = {
  get parseMessage() { return require("jssip/lib/Parser").parseMessage; },
  get Grammar() { return require("jssip/lib/Grammar"); },
};`,
      resolveDir: ROOT,
      sourcefile: "sip-check-parser-entry.cjs",
    },
    format: "cjs",
    outfile: join(DIST, PARSER_CHUNK),
  });
}

/**
 * Bundles a TypeScript entry that uses the engine into dist/ (CommonJS, jssip and the lazy
 * built-ins as above), for plain `node`. Returns esbuild's metafile.
 */
export async function bundleForNode(entry, outfile, chunks = []) {
  const { build } = await import("esbuild");
  mkdirSync(DIST, { recursive: true });
  const bundle = (entryPoint, out) =>
    build({
      ...common,
      entryPoints: [entryPoint],
      format: "cjs",
      outfile: out,
      plugins: [lazyJssip, lazyBuiltins, callChunk],
    });
  const results = await Promise.all([
    buildParserChunk(build),
    bundle(entry, outfile),
    ...chunks.map((c) => bundle(c.entry, join(DIST, c.file))),
  ]);
  for (const out of results.flatMap((r) => r.outputFiles)) writeAtomically(out.path, out.contents);
  // A cache of the old text would be rejected anyway; dropping it keeps dist/ honest.
  for (const f of readdirSync(DIST)) if (f.endsWith(".v8cache")) rmSync(join(DIST, f), { force: true });
  return results.flatMap((r) => Object.keys(r.metafile.inputs));
}

/** Builds the CLI; returns the manifest written. */
export async function buildCli() {
  const chunks = [{ entry: "scripts/sip-check-call.ts", file: CALL_CHUNK }];
  const inputs = new Set([...(await bundleForNode("scripts/sip-check.ts", MAIN, chunks)), ...ALSO_WATCH]);
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  copyFileSync(join(ROOT, LOADER), tmp);
  renameSync(tmp, BUNDLE);
  const manifest = {
    builtAt: Date.now(),
    node: process.version,
    inputs: [...inputs]
      .filter((p) => !p.includes(":"))
      .map((p) => stamp(relative(ROOT, join(ROOT, p))))
      .filter((s) => s.size >= 0)
      .sort((a, b) => a.path.localeCompare(b.path)),
  };
  writeAtomically(MANIFEST, `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  // On `npm install --omit=dev` there is no esbuild; bin/sip-check.cjs then says what to do.
  if (process.argv.includes("--if-possible")) {
    try {
      await import("esbuild");
    } catch {
      process.stderr.write("sip-check: esbuild is not installed; the CLI was not built\n");
      process.exit(0);
    }
  }
  const m = await buildCli();
  process.stderr.write(
    `sip-check: built dist/sip-check.cjs from ${m.inputs.length} files in ${Math.round(performance.now() - t0)} ms\n`,
  );
}
