import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCredentialKeys } from "@/lib/crypto/keyring";
import { HANDOFF_MAX_ATTEMPTS } from "@/lib/handoff/types";
import { queryRows } from "../client";
import { handoffLinks } from "../schema";
import { openTestDb, type TestDb, testDriver } from "../testing";
import { createConnection } from "./connections";
import {
  claimHandoffLink,
  createHandoffLink,
  findHandoff,
  handoffState,
  hashHandoffToken,
  listHandoffLinks,
  markHandoffOpened,
  reopenHandoffLink,
  revokeHandoffLink,
} from "./handoff";
import { createOrganization } from "./organizations";

const ring = parseCredentialKeys(`v1:${randomBytes(32).toString("base64")}`);
const DAY = 24 * 60 * 60 * 1000;

describe(`handoff links (${testDriver()})`, () => {
  let t: TestDb;
  let orgId: string;
  let otherOrgId: string;
  let connectionId: string;

  beforeAll(async () => {
    t = await openTestDb();
    orgId = (await createOrganization(t.db, { name: "Acme Dental" })).id;
    otherOrgId = (await createOrganization(t.db, { name: "Other" })).id;
    const { connection } = await createConnection(t.db, {
      orgId,
      idempotencyKey: randomUUID(),
      fields: { label: "Reception line", sipUsername: "1050", sipDomain: "pbx.example.com" },
      ring,
    });
    connectionId = connection.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("stores only the SHA-256 of a 256-bit token", async () => {
    const { link, token } = await createHandoffLink(t.db, { orgId, connectionId, createdBy: null });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(link.tokenHash).toBe(hashHandoffToken(token));
    const rows = await queryRows<{ token_hash: string }>(
      t.db,
      sql`select token_hash from handoff_links where id = ${link.id}`,
    );
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = (await t.dump()).toString("latin1");
    expect(dump.includes(token)).toBe(false);
  });

  it("defaults to seven days and finds the names the provider sees", async () => {
    const now = new Date("2030-01-01T10:00:00Z");
    const { link, token } = await createHandoffLink(t.db, { orgId, connectionId, createdBy: null, now });
    expect(+link.expiresAt - +now).toBe(7 * DAY);
    const found = await findHandoff(t.db, token, new Date(+now + DAY));
    expect(found.ok).toBe(true);
    if (found.ok) {
      expect(found.ctx.organizationName).toBe("Acme Dental");
      expect(found.ctx.connectionLabel).toBe("Reception line");
    }
    const late = await findHandoff(t.db, token, new Date(+now + 7 * DAY));
    expect(late).toMatchObject({ ok: false, code: "expired" });
  });

  it("refuses malformed and unknown tokens", async () => {
    expect(await findHandoff(t.db, "short")).toEqual({ ok: false, code: "not_found" });
    expect(await findHandoff(t.db, randomBytes(32).toString("base64url"))).toEqual({
      ok: false,
      code: "not_found",
    });
  });

  it("can be claimed exactly once, even by simultaneous submissions", async () => {
    const { link, token } = await createHandoffLink(t.db, { orgId, connectionId, createdBy: null });
    await markHandoffOpened(t.db, link.id);
    const claims = await Promise.all([
      claimHandoffLink(t.db, { id: link.id }),
      claimHandoffLink(t.db, { id: link.id }),
      claimHandoffLink(t.db, { id: link.id }),
    ]);
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    const again = await findHandoff(t.db, token);
    expect(again).toMatchObject({ ok: false, code: "used" });
  });

  it("a failed test reopens the link, up to the attempt limit; a passing one leaves it used", async () => {
    const { link, token } = await createHandoffLink(t.db, { orgId, connectionId, createdBy: null });
    for (let i = 1; i < HANDOFF_MAX_ATTEMPTS; i++) {
      const claimed = await claimHandoffLink(t.db, { id: link.id });
      expect(claimed?.attempts).toBe(i);
      // While its test runs the link is taken: a second submission waits its turn.
      expect(await claimHandoffLink(t.db, { id: link.id })).toBeNull();
      expect(await reopenHandoffLink(t.db, { id: link.id })).toBe(HANDOFF_MAX_ATTEMPTS - i);
      expect((await findHandoff(t.db, token)).ok).toBe(true);
    }
    // The last attempt: a failure no longer reopens it.
    expect((await claimHandoffLink(t.db, { id: link.id }))?.attempts).toBe(HANDOFF_MAX_ATTEMPTS);
    expect(await reopenHandoffLink(t.db, { id: link.id })).toBe(0);
    expect(await findHandoff(t.db, token)).toMatchObject({ ok: false, code: "used" });

    // A revoked link is not reopened either.
    const other = await createHandoffLink(t.db, { orgId, connectionId, createdBy: null });
    await claimHandoffLink(t.db, { id: other.link.id });
    await t.db.update(handoffLinks).set({ revokedAt: new Date() }).where(eq(handoffLinks.id, other.link.id));
    expect(await reopenHandoffLink(t.db, { id: other.link.id })).toBe(0);
  });

  it("cannot be claimed after expiry or revocation", async () => {
    const now = new Date();
    const old = await createHandoffLink(t.db, {
      orgId,
      connectionId,
      createdBy: null,
      ttlDays: 1,
      now: new Date(+now - 2 * DAY),
    });
    expect(await claimHandoffLink(t.db, { id: old.link.id, now })).toBeNull();
    expect(handoffState(old.link, now)).toBe("expired");

    const fresh = await createHandoffLink(t.db, { orgId, connectionId, createdBy: null });
    expect(await revokeHandoffLink(t.db, { id: fresh.link.id, orgId: otherOrgId })).toBeNull();
    const revoked = await revokeHandoffLink(t.db, { id: fresh.link.id, orgId });
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await claimHandoffLink(t.db, { id: fresh.link.id })).toBeNull();
    expect(await findHandoff(t.db, fresh.token)).toMatchObject({ ok: false, code: "revoked" });
  });

  it("lists a connection's links only for its own organization", async () => {
    const mine = await listHandoffLinks(t.db, { connectionId, orgId });
    expect(mine.length).toBeGreaterThan(0);
    expect(await listHandoffLinks(t.db, { connectionId, orgId: otherOrgId })).toEqual([]);
    expect((await listHandoffLinks(t.db, { connectionId, orgId: null })).length).toBe(mine.length);
  });
});
