import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries/audit";
import { getConnection } from "@/db/queries/connections";
import { recordTestResult, recordTestStart } from "@/db/queries/tests";
import { openTestDb, type TestDb, testDriver } from "@/db/testing";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { customerOf, sipAccountValues } from "@/test/fixtures";
import {
  activate,
  canActivate,
  createForProvider,
  deactivate,
  loadWizardState,
  saveConnection,
} from "./service";

const values = sipAccountValues;

describe(`wizard services (${testDriver()})`, () => {
  let t: TestDb;
  let actor: Actor;
  let other: Actor;

  beforeAll(async () => {
    t = await openTestDb();
    [actor, other] = await Promise.all([customerOf(t.db, "A"), customerOf(t.db, "B")]);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function passTest(id: string, revision: number) {
    const s = await recordTestStart(t.db, { connectionId: id, credentialRevision: revision });
    await recordTestResult(t.db, { testId: s.id, outcome: { verdict: "registered", ok: true } });
  }

  it("parses again on the server: CR/LF, NUL and U+2028 are refused with the schema's keys", async () => {
    for (const bad of ["1050\r\nVia: x", "10\n50", "10\u000050", "10\u202850"]) {
      const err = await saveConnection(t.db, actor, {
        intent: "draft",
        idempotencyKey: "key-crlf-000001",
        values: values({ sipUsername: bad }),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(JSON.stringify(err)).toContain("validation.lineBreak");
    }
    const long = await saveConnection(t.db, actor, {
      intent: "draft",
      idempotencyKey: "key-long-000001",
      values: values({ sipDomain: `${"a".repeat(250)}.com` }),
    }).catch((e: unknown) => e);
    expect(JSON.stringify(long)).toMatch(/validation\.(tooLong|domainInvalid)/);
  });

  it("creates once per idempotency key, splits host:port, keeps the password write-only", async () => {
    const input = {
      intent: "test" as const,
      idempotencyKey: "key-create-0001",
      values: values({ sipDomain: " pbx.example.com:5080 " }),
    };
    const a = await saveConnection(t.db, actor, input);
    const b = await saveConnection(t.db, actor, input);
    expect(b.id).toBe(a.id);
    expect(a.sipDomain).toBe("pbx.example.com");
    expect(a.port).toBe(5080);
    expect(a.passwordSavedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(a)).not.toContain("pw-1050");
    const audit = await listAudit(t.db, { connectionId: a.id });
    expect(audit.map((e) => e.action)).toEqual(["connection.created"]);
  });

  it("a test intent without any password is a validation error on sipPassword", async () => {
    const err = await saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: "key-nopw-000001",
      values: values({ sipPassword: "" }),
    }).catch((e: unknown) => e);
    expect(JSON.stringify(err)).toContain("sipPassword");
  });

  it("activation needs a pass of the current revision; a credential edit takes it away (and a live one off)", async () => {
    const c = await saveConnection(t.db, actor, {
      intent: "test",
      idempotencyKey: "key-activ-00001",
      values: values(),
    });
    await expect(activate(t.db, actor, c.id)).rejects.toMatchObject({ code: "invalid_transition" });
    await passTest(c.id, c.credentialRevision);
    const verified = await getConnection(t.db, { id: c.id, orgId: actor.organizationId });
    expect(verified?.status).toBe("verified");
    if (!verified) throw new Error("missing");
    expect(await canActivate(t.db, verified)).toBe(true);
    const on = await activate(t.db, actor, c.id);
    expect(on.status).toBe("active");

    // A label edit is not a credential change: still active.
    const relabelled = await saveConnection(t.db, actor, {
      id: c.id,
      expectedVersion: on.version,
      intent: "draft",
      values: values({ label: "Front desk", sipPassword: "" }),
    });
    expect(relabelled.status).toBe("active");
    expect(relabelled.credentialRevision).toBe(on.credentialRevision);

    // Typing the password again is a new revision: switched off, and activation refused.
    const edited = await saveConnection(t.db, actor, {
      id: c.id,
      expectedVersion: relabelled.version,
      intent: "draft",
      values: values({ label: "Front desk" }),
    });
    expect(edited.credentialRevision).toBe(relabelled.credentialRevision + 1);
    expect(edited.status).toBe("draft");
    await expect(activate(t.db, actor, c.id)).rejects.toMatchObject({ code: "invalid_transition" });
    const state = await loadWizardState(t.db, actor, c.id, "en");
    expect(state.canActivate).toBe(false);
    expect(state.latest?.current).toBe(false);

    await passTest(c.id, edited.credentialRevision);
    await activate(t.db, actor, c.id);
    const off = await deactivate(t.db, actor, c.id);
    expect(off.status).toBe("verified");
    const actions = (await listAudit(t.db, { connectionId: c.id })).map((e) => e.action);
    expect(actions.filter((a) => a === "connection.activated")).toHaveLength(2);
    expect(actions.filter((a) => a === "connection.deactivated")).toHaveLength(2);
  });

  it("a stale version is a conflict, not an overwrite", async () => {
    const c = await saveConnection(t.db, actor, {
      intent: "draft",
      idempotencyKey: "key-confl-00001",
      values: values(),
    });
    await saveConnection(t.db, actor, {
      id: c.id,
      expectedVersion: c.version,
      intent: "draft",
      values: values({ sipUsername: "1051", sipPassword: "pw-1051" }),
    });
    const err = await saveConnection(t.db, actor, {
      id: c.id,
      expectedVersion: c.version,
      intent: "draft",
      values: values({ sipUsername: "1052", sipPassword: "pw-1052" }),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("conflict");
  });

  it("another organization's connection is not found", async () => {
    const c = await saveConnection(t.db, actor, {
      intent: "draft",
      idempotencyKey: "key-foreign-001",
      values: values(),
    });
    await expect(loadWizardState(t.db, other, c.id, "en")).rejects.toMatchObject({ code: "not_found" });
    await expect(activate(t.db, other, c.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      saveConnection(t.db, other, {
        id: c.id,
        expectedVersion: c.version,
        intent: "draft",
        values: values(),
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("a connection for the provider to fill: a name only, once per key, not testable, not for support", async () => {
    const input = { label: "  Reception AI  ", idempotencyKey: "key-provider-01" };
    const c = await createForProvider(t.db, actor, input);
    expect(c).toMatchObject({ label: "Reception AI", sipUsername: "", sipDomain: "", status: "draft" });
    expect(c.passwordSavedAt).toBeNull();
    expect((await createForProvider(t.db, actor, input)).id).toBe(c.id);
    const audit = await listAudit(t.db, { connectionId: c.id });
    expect(audit.map((e) => e.action)).toEqual(["connection.created"]);
    expect(audit[0]?.details).toMatchObject({ awaitingProvider: true, passwordSet: false });
    // Nothing to test or activate until the account is entered.
    expect((await loadWizardState(t.db, actor, c.id, "en")).canActivate).toBe(false);
    await expect(activate(t.db, actor, c.id)).rejects.toMatchObject({ code: "invalid_transition" });

    await expect(
      createForProvider(t.db, actor, { label: "bad\r\nlabel", idempotencyKey: "key-provider-02" }),
    ).rejects.toMatchObject({ code: "validation", fieldErrors: { label: ["validation.lineBreak"] } });
    await expect(
      createForProvider(t.db, actor, { label: "", idempotencyKey: "key-provider-03" }),
    ).rejects.toMatchObject({ code: "validation" });
    await expect(
      createForProvider(t.db, actor, { label: "x", idempotencyKey: "short" }),
    ).rejects.toMatchObject({ code: "validation" });
    const support: Actor = { ...actor, role: "support", label: "support: s@example.com" };
    await expect(
      createForProvider(t.db, support, { label: "x", idempotencyKey: "key-provider-04" }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
