/**
 * 1,000 concurrent checks, memory per round. Each round set runs in a fresh child process
 * (plain node on an esbuild bundle of bench/memory-child.ts, as production runs compiled
 * JavaScript, not tsx), so earlier benchmarks leave nothing behind in its heap. Peak RSS per
 * round is sampled every 5 ms (process.memoryUsage().rss); the kernel's high-water mark
 * (ru_maxrss) is printed beside it.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { KamailioHandle } from "@/e2e/fixtures/kamailio";
import { bundleForNode, DIST } from "@/scripts/build-cli.mjs";
import { f } from "./stats";

const ROUNDS = 3;

type Round = {
  round: number;
  registered: number;
  wallMs: number;
  peakRss: number;
  rssAfter: number;
  heapUsedAfter: number;
  rssBefore: number;
  maxRssSoFar: number;
  p50: number;
  p99: number;
};

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

function roundSet(child: string, port: number, concurrent: number): Promise<Round[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, String(port), String(concurrent), String(ROUNDS)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (b: Buffer) => (out += b.toString()));
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) return reject(new Error(`memory child exited ${code}`));
      resolve(
        out
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Round),
      );
    });
  });
}

export async function benchMemory(k: KamailioHandle, concurrent: number, sets = 1): Promise<void> {
  const child = join(DIST, "bench-memory.cjs");
  await bundleForNode("bench/memory-child.ts", child);
  console.log(
    `\n${concurrent} concurrent checks on different accounts (UDP, query mode, full ladder), ${ROUNDS} rounds per fresh process;` +
      "\npeak RSS sampled every 5 ms in each round; ru_maxrss = the kernel's peak for the process so far:",
  );
  for (let set = 1; set <= sets; set++) {
    const rounds = await roundSet(child, k.udpPort, concurrent);
    for (const r of rounds) {
      console.log(
        `  ${sets > 1 ? `set ${set} ` : ""}round ${r.round}: peak RSS ${mb(r.peakRss).padStart(6)} (ru_maxrss ${mb(r.maxRssSoFar)}, before round 1 ${mb(r.rssBefore)}, after ${mb(r.rssAfter)}, heap after ${mb(r.heapUsedAfter)});` +
          ` ${r.registered}/${concurrent} registered in ${f(r.wallMs)} → ${((concurrent / r.wallMs) * 1000).toFixed(0)} checks/s; per check p50 ${r.p50} ms, p99 ${r.p99} ms`,
      );
    }
  }
}
