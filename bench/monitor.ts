/**
 * `npm run bench:monitor [-- --connections N --interval S --phase S --targets T --settle S]`: the health
 * monitor under load, printed, never asserted. A fresh PostgreSQL database (TEST_DATABASE_URL's
 * server), T Kamailio instances on loopback (one PBX target each) sharing N accounts, N active
 * connections, then `npm run worker` processes (first 1, then 2) checking every S seconds.
 * Ticks run every 5 s from here (the minute cron compressed with the interval). Figures: checks
 * per second, lateness of each check's start against its due time (p50/p99), CPU and memory per
 * worker, rows per day with the retention chosen.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { openPostgresTestDb } from "@/db/testing";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { createBoss, ensureQueues } from "@/server/monitor/boss";
import { monitorConfig } from "@/server/monitor/config";
import { runTick } from "@/server/monitor/scheduler";
import { activeConnection, testOrganization } from "@/server/monitor/testing";
import { sippRegisterLoad, versusTools } from "./sip-tools";
import { usage } from "./stats";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "1000" },
    interval: { type: "string", default: "30" },
    phase: { type: "string", default: "60" },
    targets: { type: "string", default: "10" },
    concurrency: { type: "string", default: "20" },
    /** Seconds to let workers start before measuring (default: one interval). */
    settle: { type: "string" },
  },
});
const N = Number(values.connections);
const INTERVAL = Number(values.interval);
const PHASE = Number(values.phase);
const TARGETS = Number(values.targets);
const CONCURRENCY = Number(values.concurrency);
const SETTLE = Number(values.settle ?? values.interval);
process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 5).toString("base64")}`;

type Worker = { child: ChildProcess; pid: number };
const ANCHOR = { username: "bench", password: "pw" };

function startWorker(url: string): Worker {
  // node with tsx's loader directly (not the tsx CLI), so the pid measured is the worker itself.
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=react-server",
      "scripts/worker.ts",
      "--no-scheduler",
      "--poll-seconds",
      "0.5",
    ],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        DATABASE_URL: url,
        CREDENTIAL_KEYS: process.env.CREDENTIAL_KEYS,
        SIP_CHECK_ALLOW_CIDRS: "127.0.0.0/8",
        SIP_CHECK_TIMEOUT_MS: "3000",
        MONITOR_INTERVAL_S: String(INTERVAL),
        MONITOR_CONCURRENCY: String(CONCURRENCY),
        SMTP_URL: "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  if (child.pid === undefined) throw new Error("worker did not start");
  return { child, pid: child.pid };
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");

async function main() {
  console.log(
    `monitor bench: ${N} connections, ${TARGETS} PBX targets, interval ${INTERVAL} s, ${PHASE} s per phase, ` +
      `${CONCURRENCY} checks at once per worker`,
  );
  const t = await openPostgresTestDb();
  const kamailios: KamailioHandle[] = [];
  const workers: Worker[] = [];
  try {
    const perTarget = Math.ceil(N / TARGETS);
    const accounts = Array.from({ length: N }, (_, i) => ({ username: `b${i}`, password: `bench-pw-${i}` }));
    for (let k = 0; k < TARGETS; k++) {
      const host = `127.0.44.${k + 2}`;
      kamailios.push(
        await startKamailio({
          host,
          // The first PBX also has the anchors' account (bench/pw) for SIPp and sipsak.
          accounts: [...accounts.slice(k * perTarget, (k + 1) * perTarget), ...(k === 0 ? [ANCHOR] : [])],
        }),
      );
    }
    const setupStart = Date.now();
    // Activation runs the wizard's real test once per connection: one at a time per target (the
    // PBX-safety budget refuses concurrent credentialed REGISTERs to one address), targets in parallel.
    await Promise.all(
      kamailios.map(async (k, ki) => {
        // Organizations of at most 50 connections on one PBX each, as in life: an organization
        // may hold 50 connections, test 60 times an hour and add 5 new hosts a day.
        const end = Math.min(N, (ki + 1) * perTarget);
        for (let from = ki * perTarget; from < end; from += 50) {
          const { actor } = await testOrganization(t.db, `Bench ${ki}.${from}`);
          for (let i = from; i < Math.min(end, from + 50); i++) {
            const a = accounts[i] as { username: string; password: string };
            await activeConnection(t.db, actor, `Bench ${i}`, { ...a, domain: `${k.domain}:${k.udpPort}` });
          }
        }
      }),
    );
    console.log(`set-up: ${N} connections activated in ${f1((Date.now() - setupStart) / 1000)} s`);

    const config = monitorConfig({ intervalSeconds: INTERVAL, horizonSeconds: 10, jitterSeconds: 0 });
    const boss = createBoss({ url: t.url as string }, { schedule: false });
    boss.on("error", () => undefined);
    await boss.start();
    await ensureQueues(boss, config);
    let ticking = true;
    const ticker = (async () => {
      while (ticking) {
        await runTick(t.db, boss, config);
        await new Promise((r) => setTimeout(r, 5000));
      }
    })();

    for (const count of [1, 2]) {
      while (workers.length < count) workers.push(startWorker(t.url as string));
      // Let workers start (first slots are already spread over the interval), then measure.
      await new Promise((r) => setTimeout(r, SETTLE * 1000));
      const before = workers.map((w) => usage(w.pid));
      const from = new Date();
      await new Promise((r) => setTimeout(r, PHASE * 1000));
      const to = new Date();
      const after = workers.map((w) => usage(w.pid));
      const rows = await queryRows<{ late_ms: number; duration_ms: number }>(
        t.db,
        sql`select extract(epoch from (at - make_interval(secs => duration_ms / 1000.0) - due_at)) * 1000 as late_ms,
                   duration_ms
            from health_checks where at >= ${from} and at < ${to}`,
      );
      const durations = rows.map((r) => Number(r.duration_ms));
      const late = rows.map((r) => Math.max(0, Number(r.late_ms)));
      const verdicts = await queryRows<{ verdict: string; n: number }>(
        t.db,
        sql`select verdict, count(*)::int as n from health_checks where at >= ${from} and at < ${to} group by verdict`,
      );
      const seconds = (+to - +from) / 1000;
      console.log(`\n${count} worker process${count > 1 ? "es" : ""}:`);
      console.log(`  checks/s sustained: ${f1(late.length / seconds)} (needed: ${f1(N / INTERVAL)})`);
      console.log(
        `  lateness vs due time: p50 ${f1(pct(late, 50) / 1000)} s, p99 ${f1(pct(late, 99) / 1000)} s`,
      );
      console.log(`  SIP check duration: p50 ${f1(pct(durations, 50))} ms, p99 ${f1(pct(durations, 99))} ms`);
      console.log(`  verdicts: ${verdicts.map((v) => `${v.verdict} ${v.n}`).join(", ")}`);
      let cpuAll = 0;
      for (let i = 0; i < workers.length; i++) {
        const cpu = ((after[i]?.cpu ?? 0) - (before[i]?.cpu ?? 0)) / seconds;
        cpuAll += cpu * seconds;
        console.log(`  worker ${i + 1}: CPU ${f1(cpu * 100)}% of a core, RSS ${f1(after[i]?.rssMb ?? 0)} MB`);
      }
      console.log(`  CPU per check (all workers): ${f2((cpuAll * 1000) / Math.max(1, late.length))} ms`);
    }
    ticking = false;
    await ticker;
    for (const w of workers) w.child.kill("SIGTERM");
    await Promise.all(workers.map((w) => new Promise((r) => w.child.once("exit", r))));

    // The anchors, on the same machine in the same run, with the workers stopped: SIPp making
    // the same REGISTER + digest at the rate the monitor needs, then the sequential comparison.
    const rate = Math.max(1, Math.round(N / INTERVAL));
    const anchorSeconds = Math.min(PHASE, 30);
    const kam0 = kamailios[0] as KamailioHandle;
    const load = await sippRegisterLoad(kam0, rate, anchorSeconds);
    console.log(
      `\nanchor: SIPp, REGISTER + digest at ${rate}/s for ${anchorSeconds} s to one of the same Kamailios:`,
    );
    console.log(
      `  ${load.ok} ok, ${load.failed} failed in ${f1(load.seconds)} s; CPU ${f1(load.cpuPercent)}% of a core, ` +
        `${f2((load.cpuPercent * 10 * load.seconds) / Math.max(1, load.ok))} ms per REGISTER pair`,
    );
    await versusTools(kam0);

    const size = await queryRows<{ rows: number; bytes: number }>(
      t.db,
      sql`select count(*)::int as rows, pg_total_relation_size('health_checks')::bigint as bytes from health_checks`,
    );
    const bytesPerRow = Number(size[0]?.bytes ?? 0) / Math.max(1, Number(size[0]?.rows ?? 1));
    const perDay = (conns: number, interval: number) => (conns * 86_400) / interval;
    console.log("\nrows per day (health_checks; one per check; kept 8 days for the 7-day chart):");
    const cases: [number, number][] = [[N, INTERVAL]];
    if (N !== 10_000 || INTERVAL !== 300) cases.push([10_000, 300]);
    for (const [conns, interval] of cases) {
      const day = perDay(conns, interval);
      console.log(
        `  ${conns} connections every ${interval} s: ${Math.round(day).toLocaleString("en")} rows/day, ` +
          `~${f1((day * bytesPerRow) / 1e6)} MB/day, ~${f1((8 * day * bytesPerRow) / 1e9)} GB kept (${f1(bytesPerRow)} B/row incl. index)`,
      );
    }
    const jobs = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from pgboss.job`);
    console.log(
      `  pg-boss jobs: finished ones deleted after 1 h, so at most ~${Math.round((10_000 * 3600) / 300).toLocaleString("en")} rows for 10,000 every 300 s (now: ${jobs[0]?.n})`,
    );
    await boss.stop({ graceful: false });
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await Promise.all(kamailios.map((k) => k.stop()));
    await t.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
