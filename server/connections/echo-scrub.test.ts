import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries/audit";
import { createOrganization } from "@/db/queries/organizations";
import { listTests } from "@/db/queries/tests";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import type { StepDto } from "@/lib/connections/types";
import { type EchoPeer, echoPeer } from "@/lib/sip/testing/echo-peer";
import type { Actor } from "@/server/auth/actor";
import { getSupportConnection } from "@/server/support/service";
import { runConnectionTest } from "./run-test";
import { saveConnection } from "./service";

/** A PBX that echoes the password and our digest: nothing of it is streamed, stored or shown. */

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;
const PASSWORD = "Canary-echo-9f3K";

describe(`echoed secrets (${testDriver()})`, () => {
  let t: TestDb;
  let peer: EchoPeer;
  let actor: Actor;

  beforeAll(async () => {
    [t, peer] = await Promise.all([openTestDb(), echoPeer(PASSWORD)]);
    const org = await createOrganization(t.db, { name: "Echo" });
    actor = { userId: null, organizationId: org.id, role: "customer", label: "echo@example.com" };
  });
  afterAll(async () => {
    await Promise.all([t?.close(), peer?.close()]);
  });

  it("live stream, connection_tests rows and the support page's data hold neither", async () => {
    const c = await saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: "echo-key-0000-0001",
      values: {
        label: "Echo",
        sipUsername: "1050",
        sipPassword: PASSWORD,
        sipDomain: `127.0.0.1:${peer.port}`,
        transport: "udp",
      },
    });
    const live: StepDto[] = [];
    const r = await runConnectionTest({
      db: t.db,
      actor,
      connectionId: c.id,
      clientIp: "198.51.100.9",
      locale: "en",
      policy: { allowCidrs: ["127.0.0.0/8"] },
      timeoutMs: 2000,
      onStep: (s) => live.push(s),
    });
    const digest = peer.responses[0] ?? "";
    expect(digest).toMatch(/^[0-9a-f]{32}$/);
    expect(r.test.sip?.statusCode).toBe(403);

    const rows = await t.db.execute(sql`select * from connection_tests`);
    const support = {
      connection: await getSupportConnection(
        t.db,
        { role: "support", organizationId: actor.organizationId },
        c.id,
      ),
      tests: await listTests(t.db, c.id),
      audit: await listAudit(t.db, { connectionId: c.id }),
    };
    // The trace was kept (with the echo masked), so support still sees what the PBX said.
    expect(JSON.stringify(support.tests)).toContain("X-Echo");
    for (const [what, value] of Object.entries({ live, result: r, rows, support })) {
      const text = JSON.stringify(value).toLowerCase();
      expect(text, what).not.toContain(PASSWORD.toLowerCase());
      expect(text, what).not.toContain(digest);
    }
  });
});
