#!/usr/bin/env node
/**
 * The `sip-check` command (package.json "bin", `npm run sip-check`): runs the built CLI in
 * dist/, rebuilding it first when a source file changed since the last build (say after a
 * `git pull` without `npm install`). `node dist/sip-check.mjs …` skips this check.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function stale() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, "dist", "sip-check.inputs.json"), "utf8"));
    statSync(join(root, "dist", "sip-check.mjs"));
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

if (stale()) {
  let buildCli;
  try {
    ({ buildCli } = await import("../scripts/build-cli.mjs"));
  } catch (e) {
    process.stderr.write(
      `sip-check: the built CLI in dist/ is missing or out of date, and it cannot be built here (${e instanceof Error ? e.message : String(e)}). Run \`npm install\` in ${root}.\n`,
    );
    process.exit(2);
  }
  process.stderr.write("sip-check: building dist/sip-check.mjs (sources changed)…\n");
  await buildCli();
}
await import("../dist/sip-check.mjs");
