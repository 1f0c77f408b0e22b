import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { listAudit } from "@/db/queries/audit";
import { createConnection, getConnection } from "@/db/queries/connections";
import { findHandoff } from "@/db/queries/handoff";
import { createOrganization } from "@/db/queries/organizations";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import {
  createHandoffForCustomer,
  listHandoffsForCustomer,
  openHandoff,
  revokeHandoffForCustomer,
  submitHandoff,
} from "./service";

process.env.CREDENTIAL_KEYS ??= `v1:${Buffer.alloc(32, 9).toString("base64")}`;

const account = (over: Record<string, unknown> = {}) => ({
  sipUsername: "1050",
  sipPassword: "pw-from-provider",
  sipDomain: "pbx.example.com",
  transport: "auto",
  port: "",
  authUsername: "",
  outboundProxy: "",
  ...over,
});

describe(`handoff service (${testDriver()})`, () => {
  let t: TestDb;
  let customer: Actor;
  let other: Actor;
  let connectionId: string;

  beforeAll(async () => {
    t = await openTestDb();
    const org = await createOrganization(t.db, { name: "Acme Dental" });
    const orgB = await createOrganization(t.db, { name: "Other" });
    customer = { userId: null, organizationId: org.id, role: "customer", label: "a@example.com" };
    other = { userId: null, organizationId: orgB.id, role: "customer", label: "b@example.com" };
    const { connection } = await createConnection(t.db, {
      orgId: org.id,
      idempotencyKey: randomUUID(),
      fields: { label: "Reception", sipUsername: "tbd", sipDomain: "tbd.example.com" },
    });
    connectionId = connection.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("only the connection's own customers create links; support staff do not", async () => {
    await expect(createHandoffForCustomer(t.db, other, { connectionId, ttlDays: 7 })).rejects.toMatchObject({
      code: "not_found",
    });
    const support: Actor = { ...customer, role: "support", label: "support: s@example.com" };
    await expect(
      createHandoffForCustomer(t.db, support, { connectionId, ttlDays: 7 }),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("a typo does not burn the link: validation fails before anything is used up", async () => {
    const { token } = await createHandoffForCustomer(t.db, customer, { connectionId, ttlDays: 7 });
    await expect(
      submitHandoff(t.db, { token, values: account({ sipDomain: "bad domain!" }), clientIp: "192.0.2.1" }),
    ).rejects.toBeInstanceOf(ZodError);
    expect((await findHandoff(t.db, token)).ok).toBe(true);
  });

  it("opens, saves once, audits each step, and refuses the second submission", async () => {
    const { token, link } = await createHandoffForCustomer(t.db, customer, { connectionId, ttlDays: 3 });
    const opened = await openHandoff(t.db, { token, clientIp: "192.0.2.2" });
    expect(opened).toMatchObject({
      ok: true,
      ctx: { organizationName: "Acme Dental", connectionLabel: "Reception" },
    });

    const first = await submitHandoff(t.db, { token, values: account(), clientIp: "192.0.2.2" });
    expect(first.ok).toBe(true);
    const saved = await getConnection(t.db, { id: connectionId, orgId: customer.organizationId });
    expect(saved).toMatchObject({ sipUsername: "1050", sipDomain: "pbx.example.com", label: "Reception" });
    expect(saved?.passwordSavedAt).toBeInstanceOf(Date);

    const second = await submitHandoff(t.db, { token, values: account(), clientIp: "192.0.2.2" });
    expect(second).toEqual({ ok: false, code: "used" });
    expect(await openHandoff(t.db, { token, clientIp: "192.0.2.2" })).toEqual({ ok: false, code: "used" });

    const actions = (await listAudit(t.db, { connectionId }))
      .filter((e) => (e.details as { handoffId?: string }).handoffId === link.id)
      .map((e) => e.action)
      .reverse();
    expect(actions).toEqual([
      "handoff.created",
      "handoff.opened",
      "handoff.submitted",
      "handoff.refused",
      "handoff.refused",
    ]);
    // The provider's save is on record as the provider's, with no password anywhere.
    const all = JSON.stringify(await listAudit(t.db, { connectionId }));
    expect(all).not.toContain("pw-from-provider");
    expect(all).toContain("provider via handoff link");
  });

  it("lists links with their state for the customer only, and revokes pending ones", async () => {
    const { link, token } = await createHandoffForCustomer(t.db, customer, { connectionId, ttlDays: 1 });
    await expect(revokeHandoffForCustomer(t.db, other, { id: link.id })).rejects.toMatchObject({
      code: "conflict",
    });
    await revokeHandoffForCustomer(t.db, customer, { id: link.id });
    expect(await openHandoff(t.db, { token, clientIp: "192.0.2.3" })).toEqual({ ok: false, code: "revoked" });
    const { links } = await listHandoffsForCustomer(t.db, customer, { connectionId, locale: "en" });
    expect(links.map((l) => l.state)).toEqual(expect.arrayContaining(["revoked", "used", "pending"]));
    expect(JSON.stringify(links)).not.toMatch(/tokenHash|token_hash/);
    await expect(listHandoffsForCustomer(t.db, other, { connectionId, locale: "en" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("rate limits opening per client address", async () => {
    const ip = "198.51.100.7";
    const results = [];
    for (let i = 0; i < 31; i++)
      results.push(await openHandoff(t.db, { token: "x".repeat(43), clientIp: ip }));
    expect(results.slice(0, 30).every((r) => !r.ok && r.code === "not_found")).toBe(true);
    expect(results[30]).toMatchObject({ ok: false, code: "rate_limited" });
  });
});
