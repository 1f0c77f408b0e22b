/**
 * CLI start-up: whole-process wall time of `sip-check` next to a bare `node -e 0` and sipsak,
 * measured in one run on the same machine. Each round starts every command once, one after
 * another (the order rotates), so a busy neighbour slows all of them alike. Prints p50 and the
 * fastest run, and each as a multiple of node's; and the CPU time (user + system) each run
 * cost, which a busy machine disturbs far less than wall time. Asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { KamailioHandle } from "@/e2e/fixtures/kamailio";
import { closedPort } from "@/lib/sip/testing/peer";
import { BUNDLE, buildCli } from "@/scripts/build-cli.mjs";
import { sipsakRegisterArgs, tool } from "./sip-tools";
import { f, stats } from "./stats";

const ROUNDS = 30;

type Command = {
  label: string;
  argv: string[];
  /** Exit status every run must end with, so a broken command is never timed as fast. */
  exit: number;
  rounds?: number;
};

/**
 * CPU time of this process's finished children, ms (/proc/self/stat cutime + cstime, in clock
 * ticks of 10 ms: one run is coarse, the mean over the rounds is not).
 */
function childCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function time(c: Command): { wall: number; cpu: number } {
  const env = { ...process.env, SIP_PASSWORD: "pw", SIP_CHECK_ALLOW_CIDRS: "127.0.0.0/8" };
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(c.argv[0] ?? "", c.argv.slice(1), { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t0;
  const cpu = childCpuMs() - cpu0;
  if (r.status !== c.exit)
    throw new Error(
      `${c.label}: exit ${r.status} (expected ${c.exit}): ${r.stderr.toString().slice(0, 300)}`,
    );
  return { wall: ms, cpu };
}

export async function benchCli(k: KamailioHandle): Promise<void> {
  tool("sipsak", "sipsak");
  await buildCli();
  const closed = await closedPort();
  const node = process.execPath;
  const check = (port: number) => [
    "--domain",
    `127.0.0.1:${port}`,
    "--username",
    "bench",
    "--transport",
    "udp",
  ];
  const commands: Command[] = [
    { label: "node -e 0", argv: [node, "-e", "0"], exit: 0 },
    { label: "sip-check, closed port", argv: [node, BUNDLE, ...check(closed)], exit: 1 },
    {
      label: "  via bin/ (stale check)",
      argv: [node, "bin/sip-check.cjs", ...check(closed)],
      exit: 1,
    },
    { label: "sip-check, REGISTER+auth", argv: [node, BUNDLE, ...check(k.udpPort)], exit: 0 },
    { label: "sipsak, REGISTER+auth", argv: ["sipsak", ...sipsakRegisterArgs(k.udpPort)], exit: 0 },
    {
      label: "npm run sip-check, closed",
      argv: ["npm", "run", "--silent", "sip-check", "--", ...check(closed)],
      exit: 1,
      rounds: 5,
    },
    {
      label: "tsx scripts/sip-check.ts, closed",
      argv: ["node_modules/.bin/tsx", "--conditions=react-server", "scripts/sip-check.ts", ...check(closed)],
      exit: 1,
      rounds: 3,
    },
  ];
  console.log(
    `\nCLI whole process, wall and CPU time (${ROUNDS} interleaved rounds; UDP; closed port ${closed}, Kamailio ${k.udpPort}):`,
  );
  for (const c of commands) time(c); // warm the page cache
  const times = commands.map(() => [] as number[]);
  const cpu = commands.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < commands.length; j++) {
      const i = (j + round) % commands.length;
      const c = commands[i] as Command;
      if (round >= (c.rounds ?? ROUNDS)) continue;
      const t = time(c);
      times[i]?.push(t.wall);
      cpu[i] = (cpu[i] ?? 0) + t.cpu;
    }
  }
  const min = (xs: number[]) => Math.min(...xs);
  const rows = commands.map((c, i) => {
    const xs = times[i] ?? [];
    return {
      label: c.label,
      p50: stats(xs).p50,
      fastest: min(xs),
      cpu: (cpu[i] ?? 0) / xs.length,
      n: xs.length,
    };
  });
  const base = rows[0];
  if (!base) return;
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(
    `  ${"".padEnd(34)} ${"p50".padStart(11)} ${"fastest".padStart(11)} ${"CPU/run".padStart(11)}   ÷ node: p50, fastest, CPU`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(34)} ${f(r.p50).padStart(11)} ${f(r.fastest).padStart(11)} ${f(r.cpu).padStart(11)}   ` +
        `${x(r.p50, base.p50)}, ${x(r.fastest, base.fastest)}, ${x(r.cpu, base.cpu)}  (n=${r.n})`,
    );
  }
}
