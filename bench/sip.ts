/**
 * SIP engine benchmarks against one local Kamailio. Prints figures; asserts nothing.
 *
 *   1,000 concurrent checks on different accounts (throughput, peak RSS per round, bench/memory.ts) ·
 *   ladder p50/p99 over UDP, TCP, TLS · verdict time for a closed port and a black hole · the same
 *   REGISTER+auth by us, sipsak and SIPp, as ratios · CLI start-up vs node and sipsak (bench/cli.ts).
 */
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { runSipCheck, type SipCheckInput, type SipCheckOptions } from "@/lib/sip";
import { closedPort, udpPeer } from "@/lib/sip/testing/peer";
import { benchCli } from "./cli";
import { benchMemory } from "./memory";
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

export const SECTIONS = ["memory", "ladder", "verdicts", "tools", "cli"] as const;
export type Section = (typeof SECTIONS)[number];

export async function benchSip(only: ReadonlySet<Section> = new Set(SECTIONS)): Promise<void> {
  console.log("SIP engine benchmark (loopback, real Kamailio; figures only, nothing asserted)");
  const accounts = [
    { username: "bench", password: "pw" },
    ...Array.from({ length: CONCURRENT }, (_, i) => ({ username: `c${i}`, password: `pw-${i}` })),
  ];
  const k = await startKamailio({ tls: true, workers: 2, accounts });
  try {
    if (only.has("memory")) await benchMemory(k, CONCURRENT);
    if (only.has("ladder")) await ladder(k);
    if (only.has("verdicts")) await verdictTimes();
    if (only.has("tools")) await versusTools(k);
    if (only.has("cli")) await benchCli(k);
  } finally {
    await k.stop();
  }
}
