import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/db/queries/organizations";
import { recordCallResult, recordCallStart } from "@/db/queries/test-calls";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { type CallDto, EARLIER_CALLS } from "@/lib/calls/types";
import type { Json } from "@/lib/json";
import type { Actor } from "@/server/auth/actor";
import { saveConnection } from "@/server/connections/service";
import { listEarlierCalls } from "./history";

/** The customer's earlier test calls, recorded the way run-call.ts records them. */

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;

const TRACE_LINE = "INVITE sip:1050@pbx.example.com SIP/2.0 (trace-marker)";

const answered: CallDto = {
  direction: "inbound",
  outcome: "call_ok",
  answered: true,
  setupMs: 412,
  from: "sip:0201234567@pbx.example.com",
  to: "sip:1050@pbx.example.com",
  codec: "PCMA",
  ptimeMs: 20,
  rtp: {
    sent: 250,
    received: 248,
    lossPct: 0.8,
    jitterMs: 3,
    sdpAddress: "203.0.113.5",
    sourceAddress: "203.0.113.5",
  },
  dtmf: [{ digit: "1", via: "rfc4733" }],
  transfer: {
    target: "2001",
    outcome: "transfer_refused",
    notify: [{ status: 403, reason: "Forbidden", subscriptionState: "terminated" }],
  },
};

describe(`listEarlierCalls (${testDriver()})`, () => {
  let t: TestDb;
  let customer: Actor;
  let stranger: Actor;
  let n = 0;

  beforeAll(async () => {
    t = await openTestDb();
    const [mine, theirs] = await Promise.all([
      createOrganization(t.db, { name: "Calls mine" }),
      createOrganization(t.db, { name: "Calls theirs" }),
    ]);
    customer = { userId: null, organizationId: mine.id, role: "customer", label: "me@example.com" };
    stranger = { userId: null, organizationId: theirs.id, role: "customer", label: "them@example.com" };
  });
  afterAll(async () => {
    await t?.close();
  });

  async function connection() {
    n += 1;
    return saveConnection(t.db, customer, {
      intent: "draft",
      idempotencyKey: `history-key-${n}-00000`,
      values: { label: `Line ${n}`, sipUsername: "1050", sipDomain: "pbx.example.com", transport: "udp" },
    });
  }

  async function record(connectionId: string, call: CallDto | null, facts: Json = {}) {
    const started = await recordCallStart(t.db, {
      connectionId,
      direction: call?.direction ?? "inbound",
      credentialRevision: 1,
      requestedBy: null,
    });
    if (call)
      await recordCallResult(t.db, {
        id: started.id,
        outcome: call.outcome,
        ok: call.outcome === "call_ok",
        call: call as unknown as Json,
        report: { durationMs: 9000 },
        trace: [{ at: 0, direction: "received", firstLine: TRACE_LINE, text: TRACE_LINE }],
        facts,
      });
    return started.id;
  }

  it("is empty for a connection without test calls", async () => {
    const c = await connection();
    expect(await listEarlierCalls(t.db, customer, c.id, "en")).toEqual([]);
  });

  it("gives the call's figures and its advice in the viewer's words, never the trace or the report", async () => {
    const c = await connection();
    const id = await record(c.id, answered, { target: "2001", statusCode: 403, reason: "Forbidden" });
    const [en] = await listEarlierCalls(t.db, customer, c.id, "en");
    expect(en).toMatchObject({
      id,
      direction: "inbound",
      result: {
        ok: true,
        call: { outcome: "call_ok", codec: "PCMA", setupMs: 412, rtp: { sent: 250, received: 248 } },
        advice: {
          call: { code: "call_ok", who: "none", whoText: "Nobody" },
          transfer: {
            code: "transfer_refused",
            who: "provider",
            whoText: "Your telecom provider or PBX administrator",
          },
        },
      },
    });
    expect(en?.result?.advice.transfer?.explanation).toContain("2001");
    expect(Number.isNaN(Date.parse(en?.startedAt ?? ""))).toBe(false);
    const text = JSON.stringify(en);
    expect(text).not.toContain("trace-marker");
    expect(text).not.toContain("durationMs");

    const [nl] = await listEarlierCalls(t.db, customer, c.id, "nl");
    expect(nl?.result?.advice.transfer?.whoText).toBe("Je telecomprovider of de beheerder van de centrale");
  });

  it("lists a call without a stored result as unfinished", async () => {
    const c = await connection();
    const id = await record(c.id, null);
    expect(await listEarlierCalls(t.db, customer, c.id, "en")).toEqual([
      expect.objectContaining({ id, direction: "inbound", result: null }),
    ]);
  });

  it(`lists the newest ${EARLIER_CALLS} calls, newest first`, async () => {
    const c = await connection();
    const ids: string[] = [];
    for (let i = 0; i < EARLIER_CALLS + 2; i++) {
      const outbound: CallDto = {
        ...answered,
        direction: "outbound",
        outcome: "outbound_refused",
        transfer: null,
      };
      ids.push(await record(c.id, i % 2 === 0 ? answered : outbound));
    }
    const list = await listEarlierCalls(t.db, customer, c.id, "en");
    expect(list.map((x) => x.id)).toEqual(ids.slice(-EARLIER_CALLS).reverse());
    expect(list[0]).toMatchObject({
      direction: "outbound",
      result: { ok: false, advice: { call: { code: "outbound_refused", who: "provider" }, transfer: null } },
    });
  });

  it("refuses another organization's customer (not_found, like a missing id) and support staff", async () => {
    const c = await connection();
    await record(c.id, answered);
    await expect(listEarlierCalls(t.db, stranger, c.id, "en")).rejects.toMatchObject({ code: "not_found" });
    await expect(
      listEarlierCalls(t.db, customer, "00000000-0000-4000-8000-000000000000", "en"),
    ).rejects.toMatchObject({ code: "not_found" });
    const support: Actor = { ...customer, role: "support", label: "support@example.com" };
    await expect(listEarlierCalls(t.db, support, c.id, "en")).rejects.toMatchObject({ code: "forbidden" });
  });
});
