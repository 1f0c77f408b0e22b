/**
 * The monitor end to end: pg-boss workers on the test database (PostgreSQL, or the embedded
 * PGlite through pg-boss's PGlite adapter — the `npm run dev` path), a real Kamailio, and a real
 * SMTP server receiving the alerts. Ticks are driven by the test (the cron only fires each
 * minute); every wait is for an event, never a fixed time.
 */
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAlertWebhook } from "@/db/queries/alert-webhooks";
import { listEvents } from "@/db/queries/health";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/monitor/signature";
import type { Actor } from "@/server/auth/actor";
import { createBoss } from "./boss";
import { runHealthCheck } from "./check";
import { monitorConfig } from "./config";
import { smtpMailer } from "./mail";
import { type Monitor, startMonitor } from "./runtime";
import { runTick } from "./scheduler";
import { requestCheckNow, setMonitoringPaused } from "./service";
import { type SmtpSink, startSmtpSink } from "./smtp-sink";
import {
  activeConnection,
  changeSettings,
  LOOPBACK,
  makeDue,
  nextCheck,
  testOrganization,
  waitFor,
} from "./testing";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

const config = monitorConfig({
  intervalSeconds: 3600,
  pollingSeconds: 0.5,
  jitterSeconds: 0,
  timeoutMs: 1500,
  alertRetryDelaySeconds: 1,
});

describe(`monitor (${testDriver()}, pg-boss, Kamailio, SMTP)`, () => {
  let t: TestDb;
  let boss: PgBoss;
  let monitor: Monitor;
  let smtp: SmtpSink;
  let hooks: WebhookReceiver;
  const kamailios: KamailioHandle[] = [];

  beforeAll(async () => {
    [t, smtp, hooks] = await Promise.all([openTestDb(), startSmtpSink(), startWebhookReceiver()]);
    boss = createBoss(t.url ? { url: t.url } : { db: t.db }, { schedule: false });
    await boss.start();
    monitor = await startMonitor({
      db: t.db,
      boss,
      config,
      roles: { scheduler: false, worker: true },
      check: { policy: LOOPBACK },
      alerts: {
        mailer: smtpMailer(smtp.url, "Monitor <monitor@test.invalid>"),
        appUrl: "http://localhost:3000",
        sourceAddresses: ["198.51.100.20"],
        webhook: { policy: LOOPBACK, ca: [hooks.ca] },
      },
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await monitor?.stop(5_000);
    await Promise.all([...kamailios.map((k) => k.stop()), smtp?.stop(), hooks?.stop()]);
    await t?.close();
  });

  async function kamailio(username: string, password: string, sipPort?: number) {
    const k = await startKamailio({ accounts: [{ username, password }], logRegisters: true, sipPort });
    kamailios.push(k);
    return k;
  }

  /**
   * Credentialed REGISTERs Kamailio logged so far. A marker REGISTER goes last: once its line is
   * in the log, every earlier REGISTER's line is too (one UDP worker, one ordered stderr).
   */
  async function logged(k: KamailioHandle, marker: string): Promise<number> {
    await k.preRegister(`marker-${marker}`, "sip:marker@127.0.0.1:9");
    await waitFor(`marker ${marker} in Kamailio's log`, async () =>
      k.registers().some((r) => r.user === `marker-${marker}`),
    );
    return k.registers().filter((r) => r.auth).length;
  }

  /** Makes the connection due, runs one scheduler pass, waits for the check's result. */
  async function check(id: string) {
    const before =
      (await import("@/db/queries/health").then((m) => m.getHealth(t.db, id)))?.lastCheckAt ?? null;
    await makeDue(t.db, [id]);
    const r = await runTick(t.db, boss, config);
    expect(r.queued).toBe(1);
    return nextCheck(t.db, id, before);
  }

  it("a changed PBX password: down at once, checks stop, an alert mail; fixed settings recover", async () => {
    const k = await kamailio("3001", "pw-first-3001");
    const domain = `${k.domain}:${k.udpPort}`;
    const { actor } = await testOrganization(t.db, "Password change", ["ops@pw.test", "boss@pw.test"]);
    const id = await activeConnection(t.db, actor, "Reception", {
      username: "3001",
      password: "pw-first-3001",
      domain,
    });
    expect((await check(id)).state).toBe("healthy");

    // The provider changes the password on the PBX (same port, new Kamailio).
    await k.stop();
    const k2 = await kamailio("3001", "pw-second-3001", k.udpPort);
    const down = await check(id);
    expect(down).toMatchObject({ state: "down", stopped: true, lastVerdict: "wrong_credentials" });
    const sent = await logged(k2, "before-stop");
    expect(sent).toBe(1);

    // Stopped: the scheduler queues nothing, and a job already queued does not run.
    await makeDue(t.db, [id]);
    expect((await runTick(t.db, boss, config)).queued).toBe(0);
    const stale = await runHealthCheck(
      { db: t.db, policy: LOOPBACK },
      { connectionId: id, slot: new Date().toISOString(), target: k2.domain },
    );
    expect(stale).toEqual({ ran: false, why: "stopped" });
    expect(await logged(k2, "after-stop")).toBe(sent);

    const mail = await smtp.waitFor((m) => m.subject.includes("Reception: down"));
    expect(mail.to.sort()).toEqual(["boss@pw.test", "ops@pw.test"]);
    expect(mail.text).toContain("rejected the SIP password");
    expect(mail.text).toContain("heeft het SIP-wachtwoord geweigerd");

    // The customer enters the new password: checks resume; two successes make it healthy.
    await changeSettings(t.db, actor, id, "Reception", {
      username: "3001",
      password: "pw-second-3001",
      domain,
    });
    expect((await check(id)).state).toBe("down");
    expect((await check(id)).state).toBe("healthy");
    const history = (await listEvents(t.db, id)).map((e) => `${e.fromState}>${e.toState}:${e.reason}`);
    expect(history.reverse()).toEqual([
      "unknown>healthy:first_check",
      "healthy>down:credentials_rejected",
      "down>healthy:recovered",
    ]);
    await smtp.waitFor((m) => m.subject.includes("Reception: healthy (was down)"));
  });

  it("a stopped PBX: degraded, then down after 3 checks; restarted: healthy after 2", async () => {
    const k = await kamailio("3002", "pw-3002");
    const domain = `${k.domain}:${k.udpPort}`;
    const { actor } = await testOrganization(t.db, "Outage", ["ops@outage.test"]);
    const id = await activeConnection(t.db, actor, "Sales line", {
      username: "3002",
      password: "pw-3002",
      domain,
    });
    expect((await check(id)).state).toBe("healthy");

    await k.stop();
    const states = [];
    for (let i = 0; i < 3; i++) states.push((await check(id)).state);
    expect(states).toEqual(["degraded", "degraded", "down"]);

    await kamailio("3002", "pw-3002", k.udpPort);
    expect((await check(id)).state).toBe("down");
    const back = await check(id);
    expect(back).toMatchObject({ state: "healthy", probablyBanned: false, stopped: false });
    const history = (await listEvents(t.db, id)).map((e) => `${e.toState}:${e.reason}`);
    expect(history.reverse()).toEqual([
      "healthy:first_check",
      "degraded:check_failed",
      "down:repeated_failures",
      "healthy:recovered",
    ]);
    const mail = await smtp.waitFor((m) => m.subject.includes("Sales line: down (was degraded)"));
    expect(mail.text).toContain("Three registration checks in a row failed");
  });

  it("the organization's webhook gets the state change, signed, retried after 500s", async () => {
    const k = await kamailio("3003", "pw-3003");
    const { org, actor } = await testOrganization(t.db, "Hooked", ["ops@hooked.test"]);
    const { secret } = await setAlertWebhook(t.db, { organizationId: org.id, url: hooks.url });
    hooks.script([500, 500]);
    const domain = `${k.domain}:${k.udpPort}`;
    const id = await activeConnection(t.db, actor, "Hooked line", {
      username: "3003",
      password: "pw-3003",
      domain,
    });
    expect((await check(id)).state).toBe("healthy");

    const [event] = await listEvents(t.db, id);
    const mine = () => hooks.requests.filter((r) => r.body.includes(`"id":"${event?.id}"`));
    await waitFor("the webhook delivered after two 500s", async () => mine().some((r) => r.answered === 200));
    expect(mine().map((r) => r.answered)).toEqual([500, 500, 200]);
    for (const r of mine()) {
      const header = r.headers[SIGNATURE_HEADER.toLowerCase()] ?? "";
      expect(verifySignature(secret, r.body, header, Date.now() / 1000)).toEqual({ ok: true });
    }
    const payload = JSON.parse(mine()[2]?.body ?? "{}");
    expect(payload).toMatchObject({
      type: "connection.health_changed",
      connection: { id, label: "Hooked line" },
      from: "unknown",
      to: "healthy",
      reason: "first_check",
    });
  });

  it("support's check now sends the job at once: checked without a scheduler pass, never while paused", async () => {
    const k = await kamailio("3004", "pw-3004");
    const { actor } = await testOrganization(t.db, "Checked now");
    const id = await activeConnection(t.db, actor, "Front desk", {
      username: "3004",
      password: "pw-3004",
      domain: `${k.domain}:${k.udpPort}`,
    });
    const first = await check(id);
    expect(first.state).toBe("healthy");
    const support: Actor = { role: "support", organizationId: "", userId: null, label: "support@test" };

    // The interval is an hour: only the job sent by "check now" can bring the next check.
    expect(await requestCheckNow(t.db, support, id, { boss, config })).toEqual({ queued: true });
    const second = await nextCheck(t.db, id, first.lastCheckAt);
    expect(second.state).toBe("healthy");
    const health = await import("@/db/queries/health").then((m) => m.getHealth(t.db, id));
    expect(+(health?.nextDueAt ?? 0)).toBeGreaterThan(Date.now() + 3000 * 1000);

    await setMonitoringPaused(t.db, support, id, true);
    expect(await requestCheckNow(t.db, support, id, { boss, config })).toEqual({ queued: false });
    // Without a job sender the row is only made due; the scheduler's pass would queue it.
    await setMonitoringPaused(t.db, support, id, false);
    expect(await requestCheckNow(t.db, support, id, null)).toEqual({ queued: false });
    expect((await runTick(t.db, boss, config)).queued).toBe(1);
    const third = await nextCheck(t.db, id, second.lastCheckAt);
    expect(third.lastCheckAt).not.toBeNull();

    await expect(requestCheckNow(t.db, actor, id, { boss, config })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
