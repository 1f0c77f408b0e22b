/** The same REGISTER + digest auth by us (in process), sipsak and SIPp, side by side. */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KamailioHandle } from "@/e2e/fixtures/kamailio";
import { computeDigest } from "@/lib/sip/auth/digest";
import { makeIds } from "@/lib/sip/message/ids";
import { challengeOf } from "@/lib/sip/probe/auth-steps";
import { CheckContext } from "@/lib/sip/probe/context";
import { Session } from "@/lib/sip/probe/session";
import { openTransport } from "@/lib/sip/transport";
import { f, line, policy, stats, timed, usage } from "./stats";

const REGISTER_RUNS = 200;

/** REGISTER → 401 → REGISTER with Authorization → 200, nothing else: what sipsak and SIPp do. */
async function registerAuthOnce(host: string, port: number): Promise<void> {
  const ids = makeIds();
  const ctx = new CheckContext();
  const t = await openTransport({
    kind: "udp",
    address: host,
    port,
    hostname: host,
    policy,
    timeoutMs: 2000,
  });
  if (!t.ok) throw new Error(JSON.stringify(t.reason));
  const uri = `sip:${host}:${port}`;
  const s = new Session(
    t.transport,
    { username: "bench", domainHost: host, requestUri: uri, route: null, userAgent: "bench" },
    ids,
    ctx,
  );
  try {
    // One fixed binding, as sipsak (-C) and SIPp (one socket) use, so bindings do not pile up.
    const contact = "<sip:bench@127.0.0.1:9>";
    const first = await s.register({ contact, expires: 60 }, 2000);
    const challenge = first.ok ? challengeOf(first.response)?.digest : null;
    if (!challenge) throw new Error("no challenge");
    const d = computeDigest({
      challenge,
      username: "bench",
      password: "pw",
      method: "REGISTER",
      uri,
      cnonce: ids.cnonce(),
      nc: 1,
    });
    if (!d.ok) throw new Error(d.detail);
    const second = await s.register(
      { contact, expires: 60, authorization: { name: "Authorization", value: d.headerValue } },
      2000,
    );
    if (!second.ok) throw new Error(`REGISTER+auth: ${JSON.stringify(second.reason)}`);
    if (second.response.statusCode !== 200) throw new Error(`REGISTER+auth: ${second.response.statusCode}`);
  } finally {
    s.close();
  }
}

/** One SIPp `<send>` of the REGISTER; the second adds SIPp's computed Authorization. */
const sippRegister = (cseq: number, auth: string) => `  <send retrans="500"><![CDATA[
      REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <sip:bench@[remote_ip]>;tag=[pid]T[call_number]
      To: <sip:bench@[remote_ip]>
      Call-ID: [call_id]
      CSeq: ${cseq} REGISTER
      Max-Forwards: 70
      Expires: 60
      Contact: <sip:bench@[local_ip]:[local_port]>
${auth}      Content-Length: 0

  ]]></send>
`;

const SIPP_SCENARIO = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="register with digest">
${sippRegister(1, "")}  <recv response="401" auth="true" />
${sippRegister(2, "      [authentication username=bench password=pw]\n")}  <recv response="200" />
</scenario>
`;

/** A temporary directory with the REGISTER scenario in it (SIPp also writes its files there). */
function sippScenario(): { dir: string; scenario: string } {
  const dir = mkdtempSync(join(tmpdir(), "pc-sipp-"));
  const scenario = join(dir, "register.xml");
  writeFileSync(scenario, SIPP_SCENARIO);
  return { dir, scenario };
}

/** sipsak's REGISTER with digest auth of account bench/pw, one fixed Contact (as we compare). */
export function sipsakRegisterArgs(port: number, host = "127.0.0.1"): string[] {
  return [
    "-U",
    "-C",
    "sip:bench@127.0.0.1:9",
    "-s",
    `sip:bench@${host}:${port}`,
    "-a",
    "pw",
    "-x",
    "60",
    "-vv",
  ];
}

export function tool(name: string, pkg: string): void {
  try {
    execFileSync("which", [name], { stdio: "ignore" });
  } catch {
    throw new Error(`${name} is missing: apt-get install ${pkg}`);
  }
}

export async function versusTools(k: KamailioHandle): Promise<void> {
  console.log(
    `\nREGISTER + digest auth over UDP, ${REGISTER_RUNS} sequential runs (same Kamailio, same account):`,
  );
  tool("sipsak", "sipsak");
  tool("sipp", "sip-tester");
  const ours: number[] = [];
  for (let i = 0; i < 20; i++) await registerAuthOnce(k.domain, k.udpPort);
  for (let i = 0; i < REGISTER_RUNS; i++) ours.push(await timed(() => registerAuthOnce(k.domain, k.udpPort)));
  const oursStats = stats(ours);
  line("Phone Connection (in process)", oursStats);

  const sipsakWall: number[] = [];
  const sipsakOwn: number[] = [];
  const sipsakRuns = Math.min(REGISTER_RUNS, 100);
  for (let i = 0; i < sipsakRuns; i++) {
    const t0 = performance.now();
    const out = execFileSync("sipsak", sipsakRegisterArgs(k.udpPort, k.domain), {
      stdio: ["ignore", "pipe", "ignore"],
    }).toString();
    sipsakWall.push(performance.now() - t0);
    const own = /received last message ([\d.]+) ms/.exec(out)?.[1];
    if (own) sipsakOwn.push(Number(own));
  }
  const sipsakWallStats = stats(sipsakWall);
  const sipsakOwnStats = stats(sipsakOwn);
  line("sipsak (its own timing)", sipsakOwnStats);
  line("sipsak (process, incl. start-up)", sipsakWallStats);

  const { dir, scenario } = sippScenario();
  const sipp = (calls: number) =>
    timed(async () =>
      execFileSync(
        "sipp",
        [
          `${k.domain}:${k.udpPort}`,
          "-sf",
          scenario,
          "-m",
          String(calls),
          "-l",
          "1",
          "-r",
          "100000",
          "-i",
          "127.0.0.1",
          "-p",
          "0",
          "-nostdin",
        ],
        { stdio: "ignore", cwd: dir },
      ),
    );
  let one: number;
  let many: number;
  try {
    one = await sipp(1);
    many = await sipp(REGISTER_RUNS + 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sippPerCall = (many - one) / REGISTER_RUNS;
  console.log(
    `  ${"SIPp (mean per call, start-up removed)".padEnd(34)} ${f(sippPerCall)}  (start-up ${f(one)})`,
  );
  console.log("  ratios (ours ÷ theirs, lower is faster):");
  console.log(`    vs sipsak own timing   p50 ${(oursStats.p50 / sipsakOwnStats.p50).toFixed(2)}×`);
  console.log(`    vs sipsak process      p50 ${(oursStats.p50 / sipsakWallStats.p50).toFixed(2)}×`);
  console.log(`    vs SIPp per call       mean ${(oursStats.mean / sippPerCall).toFixed(2)}×`);
}

export type LoadResult = { ok: number; failed: number; seconds: number; cpuPercent: number };

/**
 * SIPp sending REGISTER + digest (account bench/pw) at `rate` per second for `seconds` to one
 * Kamailio: the anchor for what a check costs when a dedicated load tool makes it. CPU is read
 * from /proc while SIPp runs (sampled every 100 ms, so the last sample is at most 100 ms early).
 */
export async function sippRegisterLoad(
  k: KamailioHandle,
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  tool("sipp", "sip-tester");
  const { dir, scenario } = sippScenario();
  const total = Math.round(rate * seconds);
  try {
    const child = spawn(
      "sipp",
      [
        `${k.domain}:${k.udpPort}`,
        "-sf",
        scenario,
        "-r",
        String(rate),
        "-m",
        String(total),
        "-l",
        String(Math.max(50, rate)),
        "-i",
        "127.0.0.1",
        "-p",
        "0",
        "-nostdin",
        "-trace_stat",
        "-fd",
        "1",
      ],
      { stdio: "ignore", cwd: dir },
    );
    const pid = child.pid;
    if (pid === undefined) throw new Error("sipp did not start");
    let cpu = 0;
    const t0 = performance.now();
    const sample = setInterval(() => {
      try {
        cpu = usage(pid).cpu;
      } catch {
        // exited between samples
      }
    }, 100);
    await new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", () => resolve());
    });
    clearInterval(sample);
    const wall = (performance.now() - t0) / 1000;
    const statFile = readdirSync(dir).find((f) => f.endsWith("_.csv"));
    if (!statFile) throw new Error("SIPp wrote no statistics file");
    const lines = readFileSync(join(dir, statFile), "utf8").trim().split("\n");
    const head = (lines[0] ?? "").split(";");
    const last = (lines[lines.length - 1] ?? "").split(";");
    const col = (name: string) => Number(last[head.indexOf(name)] ?? Number.NaN);
    return {
      ok: col("SuccessfulCall(C)"),
      failed: col("FailedCall(C)"),
      seconds: wall,
      cpuPercent: (cpu / wall) * 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
