import "server-only";
import type { Db } from "@/db/client";
import { type ConnectionView, getConnection } from "@/db/queries/connections";
import {
  claimHandoffLink,
  createHandoffLink,
  findHandoff,
  type HandoffContext,
  type HandoffLink,
  type HandoffRefusal,
  type HandoffTtlDays,
  handoffState,
  listHandoffLinks,
  markHandoffOpened,
  reopenHandoffLink,
  revokeHandoffLink,
  setHandoffTest,
} from "@/db/queries/handoff";
import { takeSlidingWindow } from "@/db/queries/rate-limits";
import { listTests } from "@/db/queries/tests";
import type { StepDto, TestSummaryDto } from "@/lib/connections/types";
import { AppError } from "@/lib/errors";
import type { HandoffLinkDto } from "@/lib/handoff/types";
import { sipAccountCreateSchema } from "@/lib/validation/sip-account";
import type { Locale } from "@/lib/verdicts/advice";
import { audit } from "@/server/audit";
import type { Actor } from "@/server/auth/actor";
import { testSummaryFor } from "@/server/connections/dto";
import { runConnectionTest } from "@/server/connections/run-test";
import { saveConnection } from "@/server/connections/service";

/**
 * The handoff link's server side, independent of HTTP: the customer creates, lists and revokes
 * links (scoped to their organization); the provider, who has no account, opens one and submits
 * the SIP account once. Every open, refusal and submission is rate limited and audited.
 */

export { HANDOFF_TTL_DAYS } from "@/db/queries/handoff";

const LIMITS = {
  create: { limit: 20, windowSeconds: 24 * 60 * 60 },
  open: { limit: 30, windowSeconds: 10 * 60 },
  submit: { limit: 10, windowSeconds: 60 * 60 },
} as const;

type Refusal = { ok: false; code: HandoffRefusal | "rate_limited"; retryAfterSeconds?: number };

/** The provider acts for the link's organization, with no user behind it. */
function providerActor(link: HandoffLink): Actor {
  return {
    userId: null,
    organizationId: link.organizationId,
    role: "customer",
    label: `provider via handoff link ${link.id.slice(0, 8)}`,
  };
}

/** Every handoff event names its link. */
function auditLink(
  db: Db,
  link: HandoffLink,
  actor: Actor,
  action: string,
  details: Record<string, string | number | boolean | null>,
) {
  return audit(db, actor, { organizationId: link.organizationId, connectionId: link.connectionId }, action, {
    handoffId: link.id,
    ...details,
  });
}

async function limit(db: Db, bucket: keyof typeof LIMITS, key: string): Promise<Refusal | null> {
  const r = await takeSlidingWindow(db, { bucket: `handoff_${bucket}`, key, ...LIMITS[bucket] });
  return r.ok ? null : { ok: false, code: "rate_limited", retryAfterSeconds: r.retryAfterSeconds };
}

async function customerConnection(db: Db, actor: Actor, connectionId: string): Promise<ConnectionView> {
  // Links are the customer's own business: support staff neither create nor revoke them.
  if (actor.role !== "customer") throw new AppError("forbidden", "only the customer creates handoff links");
  const c = await getConnection(db, { id: connectionId, orgId: actor.organizationId });
  if (!c) throw new AppError("not_found", `connection ${connectionId} not visible to ${actor.label}`);
  return c;
}

export async function createHandoffForCustomer(
  db: Db,
  actor: Actor,
  input: { connectionId: string; ttlDays: HandoffTtlDays },
): Promise<{ link: HandoffLink; token: string }> {
  const c = await customerConnection(db, actor, input.connectionId);
  const refused = await limit(db, "create", c.organizationId);
  if (refused) {
    throw new AppError("rate_limited", "too many handoff links today", {
      retryAfterSeconds: refused.retryAfterSeconds,
    });
  }
  const created = await createHandoffLink(db, {
    orgId: c.organizationId,
    connectionId: c.id,
    createdBy: actor.userId,
    ttlDays: input.ttlDays,
  });
  await auditLink(db, created.link, actor, "handoff.created", {
    ttlDays: input.ttlDays,
    expiresAt: created.link.expiresAt.toISOString(),
  });
  return created;
}

export async function revokeHandoffForCustomer(db: Db, actor: Actor, input: { id: string }): Promise<void> {
  if (actor.role !== "customer") throw new AppError("forbidden", "only the customer revokes handoff links");
  const link = await revokeHandoffLink(db, { id: input.id, orgId: actor.organizationId });
  if (!link) throw new AppError("conflict", `handoff link ${input.id} is not pending`);
  await auditLink(db, link, actor, "handoff.revoked", {});
}

export async function listHandoffsForCustomer(
  db: Db,
  actor: Actor,
  input: { connectionId: string; locale: Locale },
): Promise<{ connection: ConnectionView; links: HandoffLinkDto[] }> {
  const c = await customerConnection(db, actor, input.connectionId);
  const links = await listHandoffLinks(db, { connectionId: c.id, orgId: c.organizationId });
  const tests = links.some((l) => l.testId) ? await listTests(db, c.id) : [];
  const now = new Date();
  return {
    connection: c,
    links: links.map((l) => {
      const record = l.testId ? tests.find((t) => t.id === l.testId) : undefined;
      return {
        id: l.id,
        state: handoffState(l, now),
        createdAt: l.createdAt.toISOString(),
        expiresAt: l.expiresAt.toISOString(),
        openedAt: l.openedAt?.toISOString() ?? null,
        usedAt: l.usedAt?.toISOString() ?? null,
        revokedAt: l.revokedAt?.toISOString() ?? null,
        attempts: l.attempts,
        test: record ? testSummaryFor(record, c, input.locale) : null,
      };
    }),
  };
}

/** The provider opens the link: what the page shows, or why it cannot. */
export async function openHandoff(
  db: Db,
  input: { token: string; clientIp: string },
): Promise<{ ok: true; ctx: HandoffContext; connection: ConnectionView } | Refusal> {
  const refused = await limit(db, "open", input.clientIp);
  if (refused) return refused;
  const found = await findHandoff(db, input.token);
  if (!found.ok) {
    if (found.link) {
      await auditLink(db, found.link, providerActor(found.link), "handoff.refused", {
        stage: "open",
        reason: found.code,
      });
    }
    return { ok: false, code: found.code };
  }
  const { link } = found.ctx;
  const connection = await getConnection(db, { id: link.connectionId, orgId: link.organizationId });
  if (!connection) return { ok: false, code: "not_found" };
  await markHandoffOpened(db, link.id);
  await auditLink(db, link, providerActor(link), "handoff.opened", { firstOpen: link.openedAt === null });
  return { ok: true, ctx: found.ctx, connection };
}

/**
 * A provider's submission: the link is taken (one attempt) and the SIP account saved in one
 * transaction (a validation error rolls both back, so a typo does not burn an attempt).
 */
export async function submitHandoff(
  db: Db,
  input: { token: string; values: Record<string, unknown>; clientIp: string },
): Promise<{ ok: true; link: HandoffLink; connection: ConnectionView } | Refusal> {
  const refused = await limit(db, "submit", input.clientIp);
  if (refused) return refused;
  const found = await findHandoff(db, input.token);
  if (!found.ok) {
    if (found.link) {
      await auditLink(db, found.link, providerActor(found.link), "handoff.refused", {
        stage: "submit",
        reason: found.code,
      });
    }
    return { ok: false, code: found.code };
  }
  const { link } = found.ctx;
  const actor = providerActor(link);
  const values = { ...input.values, label: found.ctx.connectionLabel };
  // The provider always types the password: the create schema requires it.
  sipAccountCreateSchema.parse(values);

  const saved = await db.transaction(async (tx) => {
    const claimed = await claimHandoffLink(tx, { id: link.id });
    if (!claimed) return null;
    const before = await getConnection(tx, { id: link.connectionId, orgId: link.organizationId });
    if (!before) throw new AppError("not_found", "connection of handoff link is gone");
    const connection = await saveConnection(tx, actor, {
      id: before.id,
      expectedVersion: before.version,
      intent: "test",
      values,
    });
    await auditLink(tx, claimed, actor, "handoff.submitted", {
      credentialRevision: connection.credentialRevision,
    });
    return { link: claimed, connection };
  });
  if (!saved) {
    await auditLink(db, link, actor, "handoff.refused", { stage: "submit", reason: "used" });
    return { ok: false, code: "used" };
  }
  return { ok: true, ...saved };
}

/**
 * Runs the SIP test of the just-saved account, through the wizard's own runner, with the advice
 * worded for the provider. A passing test leaves the link used; otherwise it reopens while
 * attempts remain, so one typo in the password does not cost the provider the link.
 */
export async function testHandoff(
  db: Db,
  input: {
    link: HandoffLink;
    clientIp: string;
    locale: Locale;
    signal?: AbortSignal;
    onStep?: (step: StepDto) => void;
  },
): Promise<{ test: TestSummaryDto; attemptsLeft: number }> {
  let r: Awaited<ReturnType<typeof runConnectionTest>>;
  try {
    r = await runConnectionTest({
      db,
      actor: providerActor(input.link),
      connectionId: input.link.connectionId,
      clientIp: input.clientIp,
      locale: input.locale,
      audience: "provider",
      signal: input.signal,
      onStep: input.onStep,
    });
  } catch (err) {
    await reopenHandoffLink(db, { id: input.link.id });
    throw err;
  }
  if (r.test.testId) await setHandoffTest(db, { id: input.link.id, testId: r.test.testId });
  const attemptsLeft = r.test.ok ? 0 : await reopenHandoffLink(db, { id: input.link.id });
  return { test: r.test, attemptsLeft };
}
