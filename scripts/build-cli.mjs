/**
 * Builds the sip-check CLI into dist/ so providers start it with plain `node` (no tsx, no
 * TypeScript at run time):
 *
 *   dist/sip-check.mjs         the CLI and the engine, one ES module
 *   dist/sip-check-parser.cjs  jssip's SIP grammar, loaded on the first message that is parsed
 *   dist/sip-check.inputs.json what the build read, so bin/sip-check.mjs can tell when it is stale
 *
 * Runs on `npm install` (the `prepare` script), from bin/sip-check.mjs when the build is stale,
 * and from the CLI test. Start-up cost is the point (docs/cli.md): jssip's generated grammar is
 * most of the JavaScript and a closed port or a refused address never parses a message, and the
 * TLS module loads only for a TLS attempt.
 */
import { mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");
export const MANIFEST = join(DIST, "sip-check.inputs.json");
const PARSER_CHUNK = "sip-check-parser.cjs";
// Files that change the output without being bundled inputs.
const ALSO_WATCH = ["scripts/build-cli.mjs", "package.json", "node_modules/.package-lock.json"];

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
};

/** lib/sip/message/parse.ts's two jssip imports become thin functions over the lazy chunk. */
const lazyJssip = {
  name: "lazy-jssip",
  setup(b) {
    b.onResolve({ filter: /^jssip\/lib\/(Parser|Grammar)$/ }, (a) => ({
      path: a.path,
      namespace: "lazy-jssip",
    }));
    b.onResolve({ filter: /^lazy-jssip-load$/ }, () => ({ path: "load", namespace: "lazy-jssip" }));
    b.onLoad({ filter: /.*/, namespace: "lazy-jssip" }, (a) => {
      if (a.path === "load")
        return {
          contents: `import { createRequire } from "node:module";
let loaded;
export const jssip = () => (loaded ??= createRequire(import.meta.url)("./${PARSER_CHUNK}"));`,
        };
      return {
        contents:
          a.path === "jssip/lib/Parser"
            ? `import { jssip } from "lazy-jssip-load";
export const parseMessage = (data, ua) => jssip().parseMessage(data, ua);`
            : `import { jssip } from "lazy-jssip-load";
export default { parse: (input, rule) => jssip().Grammar.parse(input, rule) };`,
      };
    });
  },
};

/** `import tls from "node:tls"` becomes an object that loads the module on first use. */
const lazyTls = {
  name: "lazy-tls",
  setup(b) {
    b.onResolve({ filter: /^node:tls$/ }, () => ({ path: "tls", namespace: "lazy-tls" }));
    b.onLoad({ filter: /.*/, namespace: "lazy-tls" }, () => ({
      contents: `import { createRequire } from "node:module";
let loaded;
const tls = () => (loaded ??= createRequire(import.meta.url)("node:tls"));
export default new Proxy({}, { get: (_, key) => tls()[key] });
export const checkServerIdentity = (host, cert) => tls().checkServerIdentity(host, cert);`,
    }));
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

/** Builds both files; returns the manifest written. */
export async function buildCli() {
  const { build } = await import("esbuild");
  mkdirSync(DIST, { recursive: true });
  const parser = await build({
    ...common,
    stdin: {
      contents: `module.exports = { parseMessage: require("jssip/lib/Parser").parseMessage, Grammar: require("jssip/lib/Grammar") };`,
      resolveDir: ROOT,
      sourcefile: "sip-check-parser-entry.cjs",
    },
    format: "cjs",
    outfile: join(DIST, PARSER_CHUNK),
  });
  const main = await build({
    ...common,
    entryPoints: ["scripts/sip-check.ts"],
    format: "esm",
    outfile: join(DIST, "sip-check.mjs"),
    plugins: [lazyJssip, lazyTls],
    // Bundled CommonJS (ipaddr.js) may call require(); an ES module has none of its own.
    banner: {
      js: `#!/usr/bin/env node\nimport { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);`,
    },
  });
  for (const out of [...parser.outputFiles, ...main.outputFiles]) writeAtomically(out.path, out.contents);
  const inputs = new Set([
    ...Object.keys(parser.metafile.inputs),
    ...Object.keys(main.metafile.inputs),
    ...ALSO_WATCH,
  ]);
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
  // On `npm install --omit=dev` there is no esbuild; bin/sip-check.mjs then says what to do.
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
    `sip-check: built dist/sip-check.mjs from ${m.inputs.length} files in ${Math.round(performance.now() - t0)} ms\n`,
  );
}
