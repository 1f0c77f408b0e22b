#!/usr/bin/env node
/**
 * The `sip-check` command (package.json "bin", `npm run sip-check`): runs the built CLI in
 * dist/, rebuilding it first when a source file changed since the last build (say after a
 * `git pull` without `npm install`). `node dist/sip-check.cjs …` skips this check.
 * CommonJS, like the bundle: starting Node's ES module loader costs a few ms (docs/cli.md).
 */
const { readFileSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const bundle = join(root, "dist", "sip-check.cjs");

function stale() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, "dist", "sip-check.inputs.json"), "utf8"));
    statSync(bundle);
  } catch {
    return true;
  }
  for (const input of manifest.inputs) {
    try {
      const s = statSync(join(root, input.path));
      if (s.mtimeMs !== input.mtimeMs || s.size !== input.size) return true;
    } catch {
      return true;
    }
  }
  return false;
}

async function rebuild() {
  let buildCli;
  try {
    ({ buildCli } = await import("../scripts/build-cli.mjs"));
  } catch (e) {
    process.stderr.write(
      `sip-check: the built CLI in dist/ is missing or out of date and cannot be built here (${e instanceof Error ? e.message : String(e)}). Run \`npm install\` in ${root}.\n`,
    );
    process.exit(2);
  }
  process.stderr.write("sip-check: building dist/sip-check.cjs (sources changed)…\n");
  try {
    await buildCli();
  } catch (e) {
    // esbuild has printed the errors; the old bundle would run other code than the sources say.
    process.stderr.write(
      `sip-check: the build failed: ${e instanceof Error ? e.message.split("\n")[0]?.replace(/:$/, "") : String(e)}\n`,
    );
    process.exit(2);
  }
}

if (stale()) rebuild().then(() => require(bundle));
else require(bundle);
