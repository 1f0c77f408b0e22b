/**
 * SIP engine benchmarks against one local Kamailio. Prints figures; asserts nothing.
 *
 *   ladder p50/p99 over UDP, TCP, TLS · verdict time for a closed port and a black hole ·
 *   1,000 concurrent checks on different accounts (throughput, peak RSS) · the same
 *   REGISTER+auth by us, sipsak and SIPp, as ratios.
 */
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { runSipCheck, type SipCheckInput, type SipCheckOptions } from "@/lib/sip";
import { closedPort, udpPeer } from "@/lib/sip/testing/peer";
import { versusTools } from "./sip-tools";
import { f, line, policy, stats, timed } from "./stats";

const CONCURRENT = 1000;
const LADDER_RUNS = 300;

function check(input: Partial<SipCheckInput> & { domain: string }, options: SipCheckOptions = {}) {
  return runSipCheck(
    { username: "bench", password: "pw", transport: "udp", mode: "query", ...input },
    { policy, ...options },
  );
}

async function ladder(k: KamailioHandle): Promise<void> {
  console.log("\nLadder, in process, loopback (resolve → ports → OPTIONS ∥ REGISTER → REGISTER+auth):");
  for (let i = 0; i < 30; i++) await check({ domain: `127.0.0.1:${k.udpPort}` });
  for (const transport of ["udp", "tcp", "tls"] as const) {
    const port = transport === "tls" ? k.tlsPort : k.udpPort;
    const times: number[] = [];
    for (let i = 0; i < LADDER_RUNS; i++) {
      let verdict = "";
      times.push(
        await timed(async () => {
          verdict = (await check({ domain: `127.0.0.1:${port}`, transport }, { tlsCa: [k.tlsCaPem ?? ""] }))
            .verdict;
        }),
      );
      if (verdict !== "registered") throw new Error(`${transport} ladder gave ${verdict}`);
    }
    line(transport.toUpperCase(), stats(times));
  }
}

async function verdictTimes(): Promise<void> {
  console.log("\nVerdict time:");
  for (const transport of ["udp", "tcp"] as const) {
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const port = await closedPort();
      times.push(await timed(() => check({ domain: `127.0.0.1:${port}`, transport })));
    }
    line(`closed ${transport.toUpperCase()} port → unreachable`, stats(times));
  }
  const hole = await udpPeer(() => null);
  try {
    for (const budget of [1500, 8000]) {
      const t = await timed(() => check({ domain: `127.0.0.1:${hole.port}` }, { timeoutMs: budget }));
      console.log(`  UDP black hole, budget ${budget} ms → timeout  ${f(t)}`);
    }
  } finally {
    await hole.close();
  }
}

async function concurrentRound(
  k: KamailioHandle,
): Promise<{ wall: number; ok: number; peak: number; latencies: number[] }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  // A live interval would keep the process from exiting if a check threw.
  const results = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) =>
      check({ username: `c${i}`, password: `pw-${i}`, domain: `127.0.0.1:${k.udpPort}` }),
    ),
  ).finally(() => clearInterval(sampler));
  const wall = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  const ok = results.filter((r) => r.verdict === "registered").length;
  return { wall, ok, peak, latencies: results.map((r) => r.durationMs) };
}

async function concurrent(k: KamailioHandle): Promise<void> {
  console.log(
    `\n${CONCURRENT} concurrent checks on different accounts, one process (UDP, query mode, full ladder):`,
  );
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  for (let i = 0; i < 50; i++) await check({ domain: `127.0.0.1:${k.udpPort}` });
  const before = process.memoryUsage().rss;
  for (const label of ["round 1 (JIT warm)", "round 2", "round 3"]) {
    const r = await concurrentRound(k);
    const s = stats(r.latencies);
    console.log(
      `  ${label.padEnd(20)} ${r.ok}/${CONCURRENT} registered in ${f(r.wall)} → ${((CONCURRENT / r.wall) * 1000).toFixed(0)} checks/s;` +
        ` peak RSS ${mb(r.peak)} (process before: ${mb(before)}); per-check p50 ${s.p50} ms, p99 ${s.p99} ms`,
    );
  }
}

export async function benchSip(): Promise<void> {
  console.log("SIP engine benchmark (loopback, real Kamailio; figures only, nothing asserted)");
  const accounts = [
    { username: "bench", password: "pw" },
    ...Array.from({ length: CONCURRENT }, (_, i) => ({ username: `c${i}`, password: `pw-${i}` })),
  ];
  const k = await startKamailio({ tls: true, workers: 2, accounts });
  try {
    await concurrent(k);
    await ladder(k);
    await verdictTimes();
    await versusTools(k);
  } finally {
    await k.stop();
  }
}
