#!/usr/bin/env node
/**
 * dist/sip-check.cjs (scripts/build-cli.mjs copies this file there): starts the bundled CLI
 * with V8's code cache, as Node 22's module.enableCompileCache() would on Node 20. Compiling
 * the bundle and jssip's grammar is a good part of the start-up (docs/cli.md); the first run
 * after a build writes the compiled code next to each file (*.v8cache), later runs reuse it.
 * V8 rejects a cache from another source text, V8 version or flag set; it is then rewritten.
 */
"use strict";
const { readFileSync, renameSync, unlinkSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { Script } = require("node:vm");

const MAIN = join(__dirname, "sip-check-main.cjs");
// The chunks the bundle requires on first use (scripts/build-cli.mjs): jssip, the test call.
const CHUNK = /^\.\/sip-check-[a-z-]+\.cjs$/;

/** Scripts whose cache this run writes at exit, when it also holds every function compiled since. */
const stale = new Map();

process.once("exit", () => {
  for (const [cacheFile, script] of stale) {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only install runs without the cache, only slower.
      try {
        unlinkSync(tmp);
      } catch {}
    }
  }
});

let main;

/** CommonJS loading as Node does it (same wrapper), plus cachedData. */
function load(file) {
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(file, "utf8");
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    stale.set(cacheFile, script);
    // The first run that loads a chunk also refreshes the bundle's cache: the run that wrote it
    // may have ended at a closed port, before the message-handling code was ever compiled.
    if (main && file !== main.file) stale.set(main.cacheFile, main.script);
  }
  main ??= { file, cacheFile, script };
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, bundleRequire, mod, file, __dirname);
  return mod.exports;
}

const chunks = new Map();
/** The bundle requires only Node's modules and its lazy chunks. */
function bundleRequire(id) {
  if (!CHUNK.test(id)) return require(id);
  let exports = chunks.get(id);
  if (exports === undefined) {
    exports = load(join(__dirname, id));
    chunks.set(id, exports);
  }
  return exports;
}

load(MAIN);
