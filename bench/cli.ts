/**
 * CLI start-up: whole-process wall time of `sip-check` next to a bare `node -e 0` and sipsak,
 * measured in one run on the same machine. Each round starts every command once, one after
 * another (the order rotates), so a busy neighbour slows all of them alike. Prints p50 and the
 * fastest run, and each p50 as a multiple of node's; asserts nothing.
 */
import { spawnSync } from "node:child_process";
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

function time(c: Command): number {
  const env = { ...process.env, SIP_PASSWORD: "pw", SIP_CHECK_ALLOW_CIDRS: "127.0.0.0/8" };
  const t0 = performance.now();
  const r = spawnSync(c.argv[0] ?? "", c.argv.slice(1), { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t0;
  if (r.status !== c.exit)
    throw new Error(
      `${c.label}: exit ${r.status} (expected ${c.exit}): ${r.stderr.toString().slice(0, 300)}`,
    );
  return ms;
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
    `\nCLI whole process, wall time (${ROUNDS} interleaved rounds; UDP; closed port ${closed}, Kamailio ${k.udpPort}):`,
  );
  for (const c of commands) time(c); // warm the page cache
  const times = commands.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let j = 0; j < commands.length; j++) {
      const i = (j + round) % commands.length;
      const c = commands[i] as Command;
      if (round < (c.rounds ?? ROUNDS)) times[i]?.push(time(c));
    }
  }
  const base = stats(times[0] ?? []);
  const min = (xs: number[]) => Math.min(...xs);
  const baseMin = min(times[0] ?? []);
  console.log(`  ${"".padEnd(34)} ${"p50".padStart(11)} ${"fastest".padStart(11)}   ÷ node (p50, fastest)`);
  commands.forEach((c, i) => {
    const xs = times[i] ?? [];
    const s = stats(xs);
    console.log(
      `  ${c.label.padEnd(34)} ${f(s.p50).padStart(11)} ${f(min(xs)).padStart(11)}   ` +
        `${(s.p50 / base.p50).toFixed(2)}×, ${(min(xs) / baseMin).toFixed(2)}×  (n=${s.n})`,
    );
  });
}
