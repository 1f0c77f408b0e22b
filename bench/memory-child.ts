/**
 * One round set of the memory benchmark, in a process of its own (bench/memory.ts bundles and
 * starts it with plain node): warm-up, then ROUNDS rounds of CONCURRENT checks on different
 * accounts at once against the Kamailio on the port given. Prints one JSON line per round.
 *
 *   node dist/bench-memory.cjs PORT CONCURRENT ROUNDS
 */
import { runSipCheck } from "@/lib/sip";

const [port = 0, concurrent = 0, rounds = 0] = process.argv.slice(2).map(Number);
if (!port || !concurrent || !rounds) throw new Error("usage: bench-memory PORT CONCURRENT ROUNDS");
const policy = { allowCidrs: ["127.0.0.0/8"] };

const check = (username: string, password: string) =>
  runSipCheck(
    { username, password, domain: `127.0.0.1:${port}`, transport: "udp", mode: "query" },
    { policy },
  );

// CommonJS bundle: no top-level await.
async function main(): Promise<void> {
  for (let i = 0; i < 50; i++) await check("bench", "pw");
  const before = process.memoryUsage().rss;
  for (let round = 1; round <= rounds; round++) {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: concurrent }, (_, i) => check(`c${i}`, `pw-${i}`)),
    ).finally(() => clearInterval(sampler));
    const wallMs = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().rss);
    const sorted = results.map((r) => r.durationMs).sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        round,
        registered: results.filter((r) => r.verdict === "registered").length,
        wallMs,
        peakRss: peak,
        rssAfter: process.memoryUsage().rss,
        heapUsedAfter: process.memoryUsage().heapUsed,
        rssBefore: before,
        // The kernel's high-water mark for the whole process so far (ru_maxrss, KiB).
        maxRssSoFar: process.resourceUsage().maxRSS * 1024,
        p50: sorted[Math.floor(sorted.length / 2)] ?? 0,
        p99: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0,
      })}\n`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
