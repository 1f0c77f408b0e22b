import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries/audit";
import { createOrganization } from "@/db/queries/organizations";
import { listCalls } from "@/db/queries/test-calls";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { AI, type CallPbx, startCallPbx } from "@/e2e/fixtures/call-pbx";
import type { CallStatusDto } from "@/lib/calls/types";
import type { Actor } from "@/server/auth/actor";
import { runConnectionTest } from "@/server/connections/run-test";
import { saveConnection } from "@/server/connections/service";
import { CALL_LIMITS, runTestCall } from "./run-call";

/** The test call service against PGlite/PostgreSQL, a real Kamailio and SIPp on loopback. */

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;
const LOOPBACK = { allowCidrs: ["127.0.0.0/8"] };
const CONFIG = { bindAddress: "127.0.0.1", portRange: { min: 40000, max: 40999 }, waitS: 20 };

describe(`runTestCall (${testDriver()}, Kamailio + SIPp)`, () => {
  let t: TestDb;
  let pbx: CallPbx;
  let actor: Actor;
  let n = 0;

  beforeAll(async () => {
    [t, pbx] = await Promise.all([openTestDb(), startCallPbx({ desk: false })]);
    const org = await createOrganization(t.db, { name: "Caller" });
    actor = { userId: null, organizationId: org.id, role: "customer", label: "caller@example.com" };
  });
  afterAll(async () => {
    await Promise.all([t?.close(), pbx?.stop()]);
  });

  async function verified() {
    n += 1;
    const c = await saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: `call-key-${n}-00000`,
      values: {
        label: `Call ${n}`,
        sipUsername: AI.username,
        sipPassword: AI.password,
        sipDomain: `127.0.0.1:${pbx.k.udpPort}`,
        transport: "udp",
      },
    });
    const r = await runConnectionTest({
      db: t.db,
      actor,
      connectionId: c.id,
      clientIp: null,
      locale: "en",
      policy: LOOPBACK,
      timeoutMs: 3000,
    });
    expect(r.test.verdict).toBe("registered");
    return c;
  }

  it("inbound: streams the statuses, stores the call with its ladder, audits, never the password", async () => {
    const c = await verified();
    const statuses: CallStatusDto[] = [];
    let caller: Promise<{ code: number | null }> | null = null;
    const r = await runTestCall({
      db: t.db,
      actor,
      connectionId: c.id,
      request: { direction: "inbound" },
      policy: LOOPBACK,
      config: CONFIG,
      onStatus: (s) => {
        statuses.push(s);
        if (s.status === "waiting") caller = pbx.caller("caller-audio.xml", AI.username).then((x) => x.done);
      },
    });
    expect((await (caller as Promise<{ code: number | null }> | null))?.code).toBe(0);
    expect(r.ok).toBe(true);
    expect(r.call).toMatchObject({
      outcome: "call_ok",
      answered: true,
      codec: "PCMA",
      dtmf: [{ digit: "1" }],
    });
    expect(statuses.map((s) => s.status)).toEqual(
      expect.arrayContaining(["waiting", "ringing", "answered", "done"]),
    );
    const [row] = await listCalls(t.db, c.id);
    expect(row).toMatchObject({ id: r.callId, direction: "inbound", outcome: "call_ok", ok: true });
    const ladder = ((row?.trace ?? []) as Array<{ firstLine: string }>).map((e) => e.firstLine.split(" ")[0]);
    expect(ladder).toEqual(expect.arrayContaining(["INVITE", "ACK", "BYE"]));
    expect(JSON.stringify(row)).not.toContain(AI.password);
    const audit = await listAudit(t.db, { connectionId: c.id });
    expect(audit.map((a) => a.action)).toContain("connection.test_call");
  });

  it("refuses before the registration test passed: call_not_run, nothing sent or stored", async () => {
    const c = await saveConnection(t.db, actor, {
      intent: "draft",
      idempotencyKey: "call-draft-key-00001",
      values: {
        label: "Draft",
        sipUsername: AI.username,
        sipPassword: AI.password,
        sipDomain: `127.0.0.1:${pbx.k.udpPort}`,
        transport: "udp",
      },
    });
    const r = await runTestCall({
      db: t.db,
      actor,
      connectionId: c.id,
      request: { direction: "outbound", dial: "600" },
      policy: LOOPBACK,
      config: CONFIG,
    });
    expect(r.call.outcome).toBe("call_not_run");
    expect(await listCalls(t.db, c.id)).toHaveLength(0);
  });

  it("limits test calls per connection (a test call rings real phones)", async () => {
    const c = await verified();
    const calls = Array.from({ length: CALL_LIMITS.connection.limit }, () =>
      runTestCall({
        db: t.db,
        actor,
        connectionId: c.id,
        request: { direction: "outbound", dial: "7777" },
        policy: LOOPBACK,
        config: CONFIG,
      }),
    );
    const done = await Promise.all(calls);
    expect(done.every((d) => d.call.outcome === "outbound_refused")).toBe(true);
    await expect(
      runTestCall({
        db: t.db,
        actor,
        connectionId: c.id,
        request: { direction: "outbound", dial: "7777" },
        policy: LOOPBACK,
        config: CONFIG,
      }),
    ).rejects.toMatchObject({ code: "rate_limited" });
    const audit = await listAudit(t.db, { connectionId: c.id });
    expect(audit.map((a) => a.action)).toContain("connection.test_call_refused");
  });
});
