import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/db/queries/organizations";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { type Harvester, harvester } from "@/lib/sip/testing/harvester";
import { closedPort } from "@/lib/sip/testing/peer";
import type { Actor } from "@/server/auth/actor";
import { runConnectionTest } from "./run-test";
import { saveConnection } from "./service";

/**
 * A saved password is bound to its destination: someone holding a customer session who points
 * the outbound proxy at their own server gets no digest, neither through the form nor if a
 * code path forgot the rule (the ciphertext's AAD no longer matches).
 */

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;
const PASSWORD = "provider-typed-pw-1";

describe(`password bound to its destination (${testDriver()})`, () => {
  let t: TestDb;
  let evil: Harvester;
  let actor: Actor;
  let pbxPort: number;

  beforeAll(async () => {
    [t, evil, pbxPort] = await Promise.all([openTestDb(), harvester(), closedPort()]);
    const org = await createOrganization(t.db, { name: "Bound" });
    actor = { userId: null, organizationId: org.id, role: "customer", label: "bound@example.com" };
  });
  afterAll(async () => {
    await Promise.all([t?.close(), evil?.close()]);
  });

  const values = (over: Record<string, string> = {}) => ({
    label: "Bound",
    sipUsername: "1050",
    sipPassword: PASSWORD,
    sipDomain: `127.0.0.1:${pbxPort}`,
    transport: "udp",
    ...over,
  });
  const run = (id: string) =>
    runConnectionTest({
      db: t.db,
      actor,
      connectionId: id,
      clientIp: null,
      locale: "en",
      policy: { allowCidrs: ["127.0.0.0/8"] },
      timeoutMs: 1500,
    });

  it("a changed proxy without the password is refused, and a forced one cannot decrypt", async () => {
    const c = await saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: "bound-key-0000-01",
      values: values(),
    });
    const proxy = `127.0.0.1:${evil.port}`;
    const changes: Record<string, string>[] = [
      { outboundProxy: proxy },
      { sipDomain: proxy },
      { transport: "tcp" },
    ];
    for (const change of changes) {
      const err = await saveConnection(t.db, actor, {
        id: c.id,
        expectedVersion: c.version,
        intent: "test",
        values: values({ ...change, sipPassword: "" }),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).fieldErrors).toEqual({ sipPassword: ["validation.passwordAgain"] });
      expect((err as AppError).userMessage).toMatch(/Enter the SIP password again/);
    }
    // The label alone may change without the password.
    const renamed = await saveConnection(t.db, actor, {
      id: c.id,
      expectedVersion: c.version,
      intent: "draft",
      values: values({ label: "Renamed", sipPassword: "" }),
    });
    expect(renamed.label).toBe("Renamed");

    // "Even by a bug": the proxy changed behind the service's back.
    await t.db.execute(sql`update connections set outbound_proxy = ${proxy} where id = ${c.id}`);
    await expect(run(c.id)).rejects.toMatchObject({ code: "internal" });
    expect(evil.received).toEqual([]);
  });

  it("positive control: with the password typed again, that server is reached", async () => {
    const c = await saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: "bound-key-0000-02",
      values: values(),
    });
    await saveConnection(t.db, actor, {
      id: c.id,
      expectedVersion: c.version,
      intent: "test",
      values: values({ outboundProxy: `127.0.0.1:${evil.port}`, sipPassword: "typed-again-pw" }),
    });
    await run(c.id);
    expect(evil.digests().length).toBe(1);
  });
});
