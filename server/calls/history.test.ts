import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/db/queries/organizations";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import {
  INBOUND_TRANSFER_REFUSED,
  OUTBOUND_REFUSED,
  recordSampleCall,
  TRACE_MARKER,
} from "@/e2e/fixtures/sample-calls";
import { EARLIER_CALLS } from "@/lib/calls/earlier";
import type { Actor } from "@/server/auth/actor";
import { saveConnection } from "@/server/connections/service";
import { listEarlierCalls } from "./history";

/** The customer's earlier test calls, recorded the way run-call.ts records them. */

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;

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

  it("is empty for a connection without test calls", async () => {
    const c = await connection();
    expect(await listEarlierCalls(t.db, customer, c.id, "en")).toEqual([]);
  });

  it("gives the call's figures and its advice in the viewer's words, never the trace or the report", async () => {
    const c = await connection();
    const id = await recordSampleCall(t.db, c.id, INBOUND_TRANSFER_REFUSED);
    const [en] = await listEarlierCalls(t.db, customer, c.id, "en");
    expect(en).toMatchObject({
      id,
      direction: "inbound",
      result: {
        ok: true,
        call: { outcome: "call_ok", codec: "PCMA", setupMs: 380, rtp: { sent: 400, received: 397 } },
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
    expect(text).not.toContain(TRACE_MARKER);
    expect(text).not.toContain("durationMs");

    const [nl] = await listEarlierCalls(t.db, customer, c.id, "nl");
    expect(nl?.result?.advice.transfer?.whoText).toBe("Je telecomprovider of de beheerder van de centrale");
  });

  it("lists a call without a stored result as unfinished", async () => {
    const c = await connection();
    const id = await recordSampleCall(t.db, c.id, null);
    expect(await listEarlierCalls(t.db, customer, c.id, "en")).toEqual([
      expect.objectContaining({ id, direction: "inbound", result: null }),
    ]);
  });

  it(`lists the newest ${EARLIER_CALLS} calls, newest first`, async () => {
    const c = await connection();
    const ids: string[] = [];
    for (let i = 0; i < EARLIER_CALLS + 2; i++)
      ids.push(await recordSampleCall(t.db, c.id, i % 2 === 0 ? INBOUND_TRANSFER_REFUSED : OUTBOUND_REFUSED));
    const list = await listEarlierCalls(t.db, customer, c.id, "en");
    expect(list.map((x) => x.id)).toEqual(ids.slice(-EARLIER_CALLS).reverse());
    expect(list[0]).toMatchObject({
      direction: "outbound",
      result: { ok: false, advice: { call: { code: "outbound_refused", who: "provider" }, transfer: null } },
    });
  });

  it("refuses another organization's customer (not_found, like a missing id) and support staff", async () => {
    const c = await connection();
    await recordSampleCall(t.db, c.id, INBOUND_TRANSFER_REFUSED);
    await expect(listEarlierCalls(t.db, stranger, c.id, "en")).rejects.toMatchObject({ code: "not_found" });
    await expect(
      listEarlierCalls(t.db, customer, "00000000-0000-4000-8000-000000000000", "en"),
    ).rejects.toMatchObject({ code: "not_found" });
    const support: Actor = { ...customer, role: "support", label: "support@example.com" };
    await expect(listEarlierCalls(t.db, support, c.id, "en")).rejects.toMatchObject({ code: "forbidden" });
  });
});
