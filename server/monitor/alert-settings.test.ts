/**
 * The alert settings service on the test database (PGlite or PostgreSQL), with a real HTTPS
 * receiver on loopback for the test alert and the real address policy.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadAlertWebhook } from "@/db/queries/alert-webhooks";
import { listAudit } from "@/db/queries/audit";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/monitor/signature";
import type { Actor } from "@/server/auth/actor";
import { supportOf } from "@/test/fixtures";
import {
  getAlertSettings,
  removeAlertWebhook,
  saveAlertWebhook,
  sendTestAlert,
  TEST_ALERT_LIMIT,
  TEST_EVENT_TYPE,
} from "./alert-settings";
import { LOOPBACK, testOrganization } from "./testing";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

describe(`alert settings (${testDriver()})`, () => {
  let t: TestDb;
  let hooks: WebhookReceiver;
  let a: Actor;
  let b: Actor;
  let orgA: string;
  let support: Actor;
  const viaReceiver = () => ({ policy: LOOPBACK, ca: [hooks.ca] });

  beforeAll(async () => {
    [t, hooks] = await Promise.all([openTestDb(), startWebhookReceiver()]);
    const first = await testOrganization(t.db, "Alerts A", ["ops@a.example", "ceo@a.example"]);
    orgA = first.org.id;
    a = { ...first.actor, label: "ops@a.example" };
    b = (await testOrganization(t.db, "Alerts B", ["ops@b.example"])).actor;
    support = supportOf((await testOrganization(t.db, "Staff")).org.id, "support: jane");
  });
  afterAll(async () => {
    await hooks?.stop();
    await t?.close();
  });
  beforeEach(async () => {
    hooks.requests.length = 0;
    await removeAlertWebhook(t.db, a);
  });

  it("lists the organization's users as e-mail recipients and no webhook at first", async () => {
    const s = await getAlertSettings(t.db, a);
    expect(s).toMatchObject({
      organizationId: orgA,
      organizationName: "Alerts A",
      webhook: null,
      canChange: true,
    });
    expect(s.emailRecipients).toEqual(["ceo@a.example", "ops@a.example"]);
  });

  it("save returns the secret once; the sender loads it; reads and the audit log never carry it", async () => {
    const { secret, url } = await saveAlertWebhook(t.db, a, "  https://hooks.example.com/pc?x=1  ");
    expect(url).toBe("https://hooks.example.com/pc?x=1");
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(await loadAlertWebhook(t.db, orgA)).toEqual({ url, secret });

    const s = await getAlertSettings(t.db, a);
    expect(s.webhook?.url).toBe(url);
    expect(s.webhook?.createdAt).toBeInstanceOf(Date);
    expect(JSON.stringify(s)).not.toContain(secret);

    // Saving again replaces URL and secret: the old secret is gone for good.
    const again = await saveAlertWebhook(t.db, a, "https://hooks.example.com/v2");
    expect(again.secret).not.toBe(secret);
    expect(await loadAlertWebhook(t.db, orgA)).toEqual({
      url: "https://hooks.example.com/v2",
      secret: again.secret,
    });

    const events = await listAudit(t.db, { organizationId: orgA });
    const actions = events.map((e) => e.action);
    expect(actions).toContain("organization.alert_webhook_set");
    expect(actions).toContain("organization.alert_webhook_replaced");
    const logged = JSON.stringify(events);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(again.secret);
    // Only the origin is audited: a path or query may carry the receiver's own token.
    expect(logged).not.toContain("x=1");
    expect(events.find((e) => e.action === "organization.alert_webhook_replaced")?.details).toEqual({
      origin: "https://hooks.example.com",
      previousOrigin: "https://hooks.example.com",
    });
  });

  it("refuses a URL that breaks the rules with a field error naming the fix", async () => {
    const cases: Array<[string, string]> = [
      ["http://hooks.example.com/pc", "validation.webhookHttps"],
      ["https://user:pass@hooks.example.com/pc", "validation.webhookCredentials"],
      ["https://hooks.example.com/a\r\nX-Injected: 1", "validation.lineBreak"],
      ["hooks.example.com/pc", "validation.webhookNotUrl"],
      ["https://hooks.example.com:22/pc", "validation.webhookPort"],
      [`https://hooks.example.com/${"a".repeat(2048)}`, "validation.webhookTooLong"],
    ];
    for (const [url, key] of cases) {
      await expect(saveAlertWebhook(t.db, a, url), url).rejects.toMatchObject({
        issues: [expect.objectContaining({ message: key, path: ["url"] })],
      });
    }
    expect(await loadAlertWebhook(t.db, orgA)).toBeUndefined();
  });

  it("support can view (audited) but not save, remove or send a test", async () => {
    await saveAlertWebhook(t.db, a, "https://hooks.example.com/pc");
    const s = await getAlertSettings(t.db, support, orgA);
    expect(s).toMatchObject({ canChange: false, webhook: { url: "https://hooks.example.com/pc" } });
    expect(s.emailRecipients).toHaveLength(2);
    const viewed = await listAudit(t.db, { organizationId: orgA, limit: 1 });
    expect(viewed[0]).toMatchObject({
      action: "organization.alert_settings_viewed",
      actorLabel: "support: jane",
    });

    await expect(saveAlertWebhook(t.db, support, "https://evil.example.com/")).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(removeAlertWebhook(t.db, support)).rejects.toMatchObject({ code: "forbidden" });
    await expect(sendTestAlert(t.db, support, viaReceiver())).rejects.toMatchObject({ code: "forbidden" });
    expect((await loadAlertWebhook(t.db, orgA))?.url).toBe("https://hooks.example.com/pc");
    // Support must say which organization; an unknown one is not found.
    await expect(getAlertSettings(t.db, support)).rejects.toMatchObject({ code: "not_found" });
    await expect(getAlertSettings(t.db, support, crypto.randomUUID())).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("another organization can neither read nor change it", async () => {
    await saveAlertWebhook(t.db, a, "https://hooks.example.com/pc");
    await expect(getAlertSettings(t.db, b, orgA)).rejects.toMatchObject({ code: "not_found" });
    const own = await getAlertSettings(t.db, b);
    expect(own).toMatchObject({ webhook: null, emailRecipients: ["ops@b.example"] });
    expect(await removeAlertWebhook(t.db, b)).toEqual({ removed: false });
    expect(await sendTestAlert(t.db, b, viaReceiver())).toEqual({ code: "no_webhook" });
    expect((await loadAlertWebhook(t.db, orgA))?.url).toBe("https://hooks.example.com/pc");
  });

  it("sends a signed test event to the real receiver and reports its status", async () => {
    const { secret } = await saveAlertWebhook(t.db, a, hooks.url);
    expect(await sendTestAlert(t.db, a, viaReceiver())).toEqual({ code: "delivered", status: 200 });
    const got = hooks.requests[0];
    if (!got) throw new Error("the receiver got nothing");
    const header = got.headers[SIGNATURE_HEADER.toLowerCase()] ?? "";
    expect(verifySignature(secret, got.body, header, Date.now() / 1000)).toEqual({ ok: true });
    const body = JSON.parse(got.body) as Record<string, unknown>;
    expect(body).toMatchObject({ type: TEST_EVENT_TYPE, connection: null });
    expect(typeof body.id).toBe("string");

    hooks.script([404]);
    expect(await sendTestAlert(t.db, a, viaReceiver())).toEqual({ code: "http_status", status: 404 });
    const tests = (await listAudit(t.db, { organizationId: orgA })).filter(
      (e) => e.action === "organization.alert_test_sent",
    );
    expect(tests.map((e) => (e.details as { result: string }).result).slice(0, 2)).toEqual([
      "http_status",
      "delivered",
    ]);
    expect(JSON.stringify(tests)).not.toContain(secret);

    // The page's history: newest first, origin and result only, support's views left out.
    await getAlertSettings(t.db, support, orgA);
    const { history } = await getAlertSettings(t.db, a);
    const origin = new URL(hooks.url).origin;
    expect(history.slice(0, 3).map((h) => [h.action, h.origin, h.result])).toEqual([
      ["organization.alert_test_sent", origin, "http_status"],
      ["organization.alert_test_sent", origin, "delivered"],
      ["organization.alert_webhook_set", origin, null],
    ]);
    expect(history[0]?.actorLabel).toBe("ops@a.example");
    expect(JSON.stringify(history)).not.toContain(secret);
  });

  it("refuses a private or loopback address by the address policy, naming it, and sends nothing", async () => {
    await saveAlertWebhook(t.db, a, "https://10.0.0.7/hook");
    expect(await sendTestAlert(t.db, a, { policy: { allowCidrs: [] } })).toEqual({
      code: "refused_address",
      address: "10.0.0.7",
    });
    await saveAlertWebhook(t.db, a, hooks.url);
    expect(await sendTestAlert(t.db, a, { policy: { allowCidrs: [] }, ca: [hooks.ca] })).toEqual({
      code: "refused_address",
      address: "127.0.0.1",
    });
    // A name resolving to a private address is refused the same way (no request leaves).
    await saveAlertWebhook(t.db, a, "https://hooks.internal.example/hook");
    expect(
      await sendTestAlert(t.db, a, { policy: { allowCidrs: [] }, resolve: async () => ["192.168.1.20"] }),
    ).toEqual({ code: "refused_address", address: "192.168.1.20" });
    expect(hooks.requests).toHaveLength(0);
  });

  it("remove deletes it (audited once), and a test alert then has nothing to send", async () => {
    await saveAlertWebhook(t.db, a, "https://hooks.example.com/pc");
    expect(await removeAlertWebhook(t.db, a)).toEqual({ removed: true });
    expect(await loadAlertWebhook(t.db, orgA)).toBeUndefined();
    expect(await removeAlertWebhook(t.db, a)).toEqual({ removed: false });
    expect(await sendTestAlert(t.db, a, viaReceiver())).toEqual({ code: "no_webhook" });
    const removals = (await listAudit(t.db, { organizationId: orgA, limit: 2 })).filter(
      (e) => e.action === "organization.alert_webhook_removed",
    );
    expect(removals).toHaveLength(1);
  });

  it("limits test alerts per organization", async () => {
    const c = (await testOrganization(t.db, "Alerts C", ["ops@c.example"])).actor;
    await saveAlertWebhook(t.db, c, hooks.url);
    for (let i = 0; i < TEST_ALERT_LIMIT.limit; i++)
      expect((await sendTestAlert(t.db, c, viaReceiver())).code).toBe("delivered");
    await expect(sendTestAlert(t.db, c, viaReceiver())).rejects.toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
    expect(hooks.requests).toHaveLength(TEST_ALERT_LIMIT.limit);
  });
});
