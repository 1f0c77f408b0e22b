/**
 * Prints each route's first-load JavaScript, gzipped, from the production build in .next
 * (run `npx next build` first). Reads Next's own per-route chunk list
 * (.next/diagnostics/route-bundle-stats.json) and gzips every chunk as a CDN would.
 * The wizard's budget is 150 kB; routes over it are marked, nothing is asserted.
 *
 *   npx tsx bench/bundle-size.ts [--json]
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUILD = join(process.cwd(), ".next");
const STATS = join(BUILD, "diagnostics", "route-bundle-stats.json");
const BUDGET_KB = 150;
const WIZARD = /^\/connections(\/|$)/;

type RouteStats = { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] };

function isRouteStats(v: unknown): v is RouteStats {
  return (
    typeof v === "object" &&
    v !== null &&
    "route" in v &&
    typeof v.route === "string" &&
    "firstLoadChunkPaths" in v &&
    Array.isArray(v.firstLoadChunkPaths)
  );
}

function main(): void {
  if (!existsSync(STATS)) {
    console.error(`${STATS} not found: run \`NEXT_TELEMETRY_DISABLED=1 npx next build\` first.`);
    process.exit(1);
  }
  const parsed: unknown = JSON.parse(readFileSync(STATS, "utf8"));
  const routes = Array.isArray(parsed) ? parsed.filter(isRouteStats) : [];
  const cache = new Map<string, { raw: number; gz: number }>();
  const sizeOf = (rel: string) => {
    let s = cache.get(rel);
    if (!s) {
      const buf = readFileSync(join(process.cwd(), rel));
      s = { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
      cache.set(rel, s);
    }
    return s;
  };
  const rows = routes
    .map((r) => {
      const sizes = r.firstLoadChunkPaths.map(sizeOf);
      return {
        route: r.route,
        chunks: sizes.length,
        rawKb: sizes.reduce((a, s) => a + s.raw, 0) / 1024,
        gzipKb: sizes.reduce((a, s) => a + s.gz, 0) / 1024,
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  const width = Math.max(5, ...rows.map((r) => r.route.length));
  console.log(`${"route".padEnd(width)}  chunks  raw kB  gzip kB`);
  for (const r of rows) {
    const mark = WIZARD.test(r.route)
      ? r.gzipKb <= BUDGET_KB
        ? `  ok (≤ ${BUDGET_KB})`
        : `  OVER ${BUDGET_KB}`
      : "";
    console.log(
      `${r.route.padEnd(width)}  ${String(r.chunks).padStart(6)}  ${r.rawKb.toFixed(1).padStart(6)}  ${r.gzipKb
        .toFixed(1)
        .padStart(7)}${mark}`,
    );
  }
}

main();
