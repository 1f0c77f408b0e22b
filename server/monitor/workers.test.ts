/**
 * Two `npm run worker` processes against one PostgreSQL database and one Kamailio: every due
 * connection is checked exactly once per round, never two checks at once to one PBX target
 * (REGISTERs logged by Kamailio with timestamps), the PostgreSQL server restarted mid-run (a
 * private one, test/postgres-server.ts, so the shared server other files use stays up) loses and
 * duplicates nothing, and SIGTERM stops a worker cleanly. Always PostgreSQL: PGlite cannot be
 * shared between processes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { listHealth } from "@/db/queries/health";
import { openPostgresTestDb, type TestDb } from "@/db/testing";
import { type KamailioHandle, type LoggedRegister, startKamailio } from "@/e2e/fixtures/kamailio";
import { type PostgresServer, startPostgresServer } from "@/test/postgres-server";
import { createBoss } from "./boss";
import { monitorConfig } from "./config";
import { runTick } from "./scheduler";
import { activeConnection, makeDue, testOrganization, waitFor } from "./testing";

const N = 6;
const ROUNDS = 3;
const config = monitorConfig({ intervalSeconds: 3600, jitterSeconds: 0, pollingSeconds: 0.5 });

type Worker = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startWorker(url: string): Worker {
  // One process (tsx as a loader, not tsx's wrapper process): SIGTERM reaches the worker itself.
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
        NODE_ENV: "test",
        DATABASE_URL: url,
        CREDENTIAL_KEYS: process.env.CREDENTIAL_KEYS,
        SIP_CHECK_ALLOW_CIDRS: "127.0.0.0/8",
        SIP_CHECK_TIMEOUT_MS: "2000",
        MONITOR_INTERVAL_S: "3600",
        MONITOR_CONCURRENCY: "4",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on("data", (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, output: () => out, exited };
}

/** One check = the REGISTERs of one Call-ID (challenge, then the authenticated one). */
function checksOf(registers: LoggedRegister[]) {
  const byCall = new Map<string, LoggedRegister[]>();
  for (const r of registers) byCall.set(r.callId, [...(byCall.get(r.callId) ?? []), r]);
  return [...byCall.values()].map((rs) => ({
    user: rs[0]?.user ?? "",
    start: Math.min(...rs.map((r) => r.at)),
    end: Math.max(...rs.map((r) => r.at)),
    auth: rs.filter((r) => r.auth).length,
  }));
}

describe("two worker processes, one PostgreSQL, one PBX target", () => {
  let server: PostgresServer;
  let t: TestDb;
  let k: KamailioHandle;
  let boss: PgBoss;
  let workers: Worker[] = [];
  const ids: string[] = [];
  const users = Array.from({ length: N }, (_, i) => ({
    username: `40${10 + i}`,
    password: `pw-worker-${i}`,
  }));

  beforeAll(async () => {
    [server, k] = await Promise.all([
      startPostgresServer(),
      startKamailio({ accounts: users, logRegisters: true }),
    ]);
    t = await openPostgresTestDb(server.url);
    const { actor } = await testOrganization(t.db, "Workers", ["ops@workers.test"]);
    for (const u of users) {
      ids.push(
        await activeConnection(t.db, actor, `Line ${u.username}`, {
          ...u,
          domain: `${k.domain}:${k.udpPort}`,
        }),
      );
    }
    boss = createBoss({ url: t.url as string }, { schedule: false });
    boss.on("error", () => undefined);
    await boss.start();
    workers = [startWorker(t.url as string), startWorker(t.url as string)];
    await waitFor("both workers up", async () => workers.every((w) => w.output().includes(" up: ")), 60_000);
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await boss?.stop({ graceful: false }).catch(() => undefined);
    await Promise.all([k?.stop(), t?.close()]);
    await server?.stop();
  });

  /** Marker REGISTER last: once it is in the log, every earlier one is. */
  async function settledRegisters(marker: string) {
    await k.preRegister(`marker-${marker}`, "sip:marker@127.0.0.1:9");
    await waitFor("marker in Kamailio's log", async () =>
      k.registers().some((r) => r.user === `marker-${marker}`),
    );
    return k.registers().filter((r) => !r.user.startsWith("marker-"));
  }

  async function round(n: number, during?: () => Promise<void>) {
    const start = new Date();
    await makeDue(t.db, ids);
    expect((await runTick(t.db, boss, config)).queued).toBe(N);
    await during?.();
    await waitFor(
      `round ${n}: every connection checked`,
      async () => {
        const h = await listHealth(t.db, ids);
        return ids.every((id) => {
          const at = h.get(id)?.lastCheckAt;
          return at !== null && at !== undefined && +at >= +start;
        });
      },
      90_000,
    );
  }

  it("checks each connection exactly once per round, one at a time per target, through a PostgreSQL restart", async () => {
    const before = (await settledRegisters("baseline")).length;
    let restartedAt = new Date(8.64e15);
    await round(1);
    await round(2);
    // The server goes down for 2 s while the round's jobs wait in the queue: every connection of
    // the workers (fetching, completing) and of this test is cut, and new ones are refused.
    await round(3, async () => {
      const before = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and application_name = 'phone-connection-monitor'`,
      );
      expect(before[0]?.n).toBeGreaterThan(0);
      await server.restart(2000);
      restartedAt = new Date();
    });
    // Checks of this round were still queued when the server went down: they ran after it came back.
    const health = await listHealth(t.db, ids);
    const afterRestart = ids.filter((id) => +(health.get(id)?.lastCheckAt ?? 0) >= +restartedAt);
    expect(afterRestart.length).toBeGreaterThan(0);

    // Every check passed: none was refused by the PBX-safety budget (which concurrent checks of
    // one target can trip, since a pending credentialed REGISTER counts as a possible failure).
    const verdicts = await queryRows<{ verdict: string; n: number }>(
      t.db,
      sql`select verdict, count(*)::int as n from health_checks group by verdict`,
    );
    expect(verdicts).toEqual([{ verdict: "registered", n: N * ROUNDS }]);
    const checks = checksOf((await settledRegisters("after")).slice(before));
    // Exactly once per round: ROUNDS checks per user, each with one credentialed REGISTER.
    const perUser = new Map<string, number>();
    for (const c of checks) perUser.set(c.user, (perUser.get(c.user) ?? 0) + 1);
    expect(Object.fromEntries(perUser)).toEqual(Object.fromEntries(users.map((u) => [u.username, ROUNDS])));
    expect(checks.filter((c) => c.auth !== 1)).toEqual([]);
    // Never two at once to one target: sorted by start, each begins after the previous ended.
    const sorted = [...checks].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]?.start).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? 0);
    }
    // And the database agrees: one applied check per connection and round.
    const rows = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from health_checks`);
    expect(rows[0]?.n).toBe(N * ROUNDS);
    const failed = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from pgboss.job where name = 'monitor-dead'`,
    );
    expect(failed[0]?.n).toBe(0);
    // Each round may wait 90 s (a retried job waits out pg-boss's retry delay on a loaded machine).
  }, 300_000);

  it("SIGTERM: each worker finishes and exits 0", async () => {
    for (const w of workers) w.child.kill("SIGTERM");
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes).toEqual([0, 0]);
    for (const w of workers) expect(w.output()).toContain("stopped");
  });
});
