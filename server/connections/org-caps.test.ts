import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/db/queries/organizations";
import { RATE_LIMITS } from "@/db/queries/rate-limits";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { stubResolver } from "@/lib/net/testing/stub-resolver";
import { type Peer, responseTo, udpPeer } from "@/lib/sip/testing/peer";
import type { Actor } from "@/server/auth/actor";
import { runConnectionTest } from "./run-test";
import { createForProvider, saveConnection } from "./service";

/**
 * Per-organization caps: every destination a test touches counts as a new host (so rotating
 * the outbound proxy is no way around the cap), and connections per organization are capped.
 */

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;

describe(`organization caps (${testDriver()})`, () => {
  let t: TestDb;
  // A registrar that asks for no credentials: no failed logins, so only the organization cap acts.
  let sink: Peer;

  beforeAll(async () => {
    [t, sink] = await Promise.all([openTestDb(), udpPeer((req) => responseTo(req, "200 OK"))]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), sink?.close()]);
  });

  const actorFor = async (name: string): Promise<Actor> => {
    const org = await createOrganization(t.db, { name });
    return { userId: null, organizationId: org.id, role: "customer", label: `${name}@example.com` };
  };

  it("proxy-target rotation stops at the new-host cap, before a packet to the next proxy", async () => {
    const actor = await actorFor("Rotator");
    const names = Array.from({ length: 10 }, (_, i) => `proxy-${i}.rotate-fixture.nl`);
    const resolver = stubResolver(
      Object.fromEntries([
        ["pbx.rotate-fixture.nl", { A: ["127.0.0.1"] }],
        ...names.map((n) => [n, { A: ["127.0.0.1"] }]),
      ]),
    );
    let c = await saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: "rotate-key-00001",
      values: {
        label: "R",
        sipUsername: "1050",
        sipPassword: "pw-0-rotate",
        sipDomain: "pbx.rotate-fixture.nl",
        transport: "udp",
      },
    });
    const verdicts: string[] = [];
    for (const [i, name] of names.entries()) {
      c = await saveConnection(t.db, actor, {
        id: c.id,
        expectedVersion: c.version,
        intent: "test",
        values: {
          label: "R",
          sipUsername: "1050",
          sipPassword: `pw-${i + 1}-rotate`,
          sipDomain: "pbx.rotate-fixture.nl",
          transport: "udp",
          outboundProxy: `${name}:${sink.port}`,
        },
      });
      const before = sink.received.length;
      const r = await runConnectionTest({
        db: t.db,
        actor,
        connectionId: c.id,
        clientIp: null,
        locale: "en",
        policy: { allowCidrs: ["127.0.0.0/8"] },
        resolver,
        timeoutMs: 1500,
      });
      verdicts.push(r.test.verdict);
      if (r.test.verdict === "rate_limited") {
        expect(r.test.facts.refusal).toBe("test_limit");
        expect(r.test.advice.verdict.explanation).toMatch(/per organization/);
        expect(sink.received.length, `nothing sent via ${name}`).toBe(before);
        break;
      }
    }
    // Domain, the resolved address, then proxies: the cap is reached within the limit.
    const { limit } = RATE_LIMITS.orgNewHosts;
    expect(verdicts.at(-1)).toBe("rate_limited");
    expect(verdicts.length).toBeLessThanOrEqual(limit);
  });

  it("caps connections per organization, with a message that says what to do", async () => {
    const actor = await actorFor("Many");
    const { limit } = RATE_LIMITS.orgConnections;
    for (let i = 0; i < limit; i++)
      await createForProvider(t.db, actor, { label: `C${i}`, idempotencyKey: `many-key-${i}-000` });
    // The same create again (double submit) is not a new one.
    await createForProvider(t.db, actor, { label: "C0", idempotencyKey: "many-key-0-000" });
    const err = await createForProvider(t.db, actor, {
      label: "One more",
      idempotencyKey: "many-key-x-000",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).userMessage).toMatch(/already has 50 connections/);
  });
});
