import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  activateConnection,
  type ConnectionFields,
  type ConnectionView,
  CREDENTIAL_FIELDS,
  createConnection,
  getConnection,
  listConnections,
  setStatus,
  updateConnection,
} from "@/db/queries/connections";
import { RATE_LIMITS } from "@/db/queries/rate-limits";
import { latestTest } from "@/db/queries/tests";
import { connections } from "@/db/schema";
import { normaliseDomainAndPort } from "@/lib/connections/normalise";
import type { TestSummaryDto } from "@/lib/connections/types";
import { AppError } from "@/lib/errors";
import { sipAccountCreateSchema, sipAccountUpdateSchema } from "@/lib/validation/sip-account";
import type { Locale } from "@/lib/verdicts/advice";
import { aboutConnection, audit } from "@/server/audit";
import { assertCustomer } from "@/server/auth/access";
import type { Actor } from "@/server/auth/actor";
import { testSummaryFor } from "./dto";

/**
 * The customer wizard's server-side operations, independent of HTTP (server actions, pages and
 * the provider's handoff call these). Customer-only: every read and write is scoped to the
 * actor's own organization, and support staff get `forbidden` — they read through
 * db/queries/support.ts and never set or replace a SIP password.
 */

const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{8,64}$/;

async function mustGet(db: Db, actor: Actor, id: string): Promise<ConnectionView> {
  assertCustomer(actor);
  const c = await getConnection(db, { id, orgId: actor.organizationId });
  if (!c) throw new AppError("not_found", `connection ${id} not visible to ${actor.label}`);
  return c;
}

/** True when the newest finished test of the *current* credential revision passed. */
export async function canActivate(db: Db, c: ConnectionView): Promise<boolean> {
  if (c.status !== "verified" && c.status !== "active") return false;
  const t = await latestTest(db, c.id, { credentialRevision: c.credentialRevision, tested: true });
  return t?.ok === true;
}

export type SaveInput = {
  /** Absent: create. */
  id?: string;
  expectedVersion?: number;
  /** Create only: the same key twice gives one connection (a double submit). */
  idempotencyKey?: string;
  /** "test": the password must exist (typed now or saved before). */
  intent: "draft" | "test";
  values: unknown;
};

function toFields(v: {
  label: string;
  sipUsername: string;
  sipDomain: string;
  authUsername?: string;
  transport: ConnectionFields["transport"];
  port?: number;
  outboundProxy?: string;
}): ConnectionFields {
  return {
    label: v.label,
    sipUsername: v.sipUsername,
    sipDomain: v.sipDomain,
    authUsername: v.authUsername ?? null,
    transport: v.transport,
    port: v.port ?? null,
    outboundProxy: v.outboundProxy ?? null,
  };
}

/**
 * At most RATE_LIMITS.orgConnections.limit connections per organization (a repeated create with
 * the same idempotency key is no new one).
 */
async function assertRoomForConnection(db: Db, orgId: string, idempotencyKey: string): Promise<void> {
  const rows = await db
    .select({
      n: sql<number>`count(*)::int`,
      same: sql<number>`count(*) filter (where ${connections.idempotencyKey} = ${idempotencyKey})::int`,
    })
    .from(connections)
    .where(eq(connections.organizationId, orgId));
  const { limit } = RATE_LIMITS.orgConnections;
  if ((rows[0]?.same ?? 0) === 0 && (rows[0]?.n ?? 0) >= limit)
    throw new AppError("forbidden", `organization ${orgId} has ${limit} connections`, {
      userMessage: `Your organization already has ${limit} connections, the most we allow. Reuse one of them (edit its details), or ask support to raise the limit.`,
    });
}

const passwordRequired = () =>
  new AppError("validation", "a password is required to test", {
    fieldErrors: { sipPassword: ["validation.required"] },
  });

/** Creates or updates a connection from untrusted form values (parsed here again). */
export async function saveConnection(db: Db, actor: Actor, input: SaveInput): Promise<ConnectionView> {
  assertCustomer(actor);
  // A draft may be saved without a password; a test needs one (create schema requires it).
  const creating = input.id === undefined;
  const schema = creating && input.intent === "test" ? sipAccountCreateSchema : sipAccountUpdateSchema;
  const parsed = normaliseDomainAndPort(schema.parse(input.values));
  const fields = toFields(parsed);
  const password = parsed.sipPassword;

  if (creating) {
    if (!input.idempotencyKey || !IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
      throw new AppError("validation", "missing or malformed idempotency key");
    }
    await assertRoomForConnection(db, actor.organizationId, input.idempotencyKey);
    await assertRoomForConnection(db, actor.organizationId, input.idempotencyKey);
    const { connection, created } = await createConnection(db, {
      orgId: actor.organizationId,
      idempotencyKey: input.idempotencyKey,
      fields,
      password,
    });
    if (created) {
      await audit(db, actor, aboutConnection(connection), "connection.created", {
        label: connection.label,
        sipDomain: connection.sipDomain,
        passwordSet: password !== undefined,
      });
    }
    return connection;
  }

  const id = input.id as string;
  const before = await mustGet(db, actor, id);
  if (input.intent === "test" && password === undefined && before.passwordSavedAt === null)
    throw passwordRequired();
  if (input.expectedVersion === undefined) throw new AppError("validation", "missing expected version");
  const res = await updateConnection(db, {
    id,
    orgId: before.organizationId,
    expectedVersion: input.expectedVersion,
    fields,
    password,
  });
  if (!res.ok) throw res.error;
  const after = res.connection;
  const changed = CREDENTIAL_FIELDS.filter((k) => (before[k] ?? null) !== (after[k] ?? null));
  await audit(db, actor, aboutConnection(after), "connection.updated", {
    changed: [...(before.label !== after.label ? ["label"] : []), ...changed],
    passwordChanged: password !== undefined,
    credentialRevision: after.credentialRevision,
  });
  // A live connection must not keep running on settings nobody has tested: the edit moved it
  // back to draft (lib/connections/status.ts).
  if (before.status === "active" && after.status !== "active") {
    await audit(db, actor, aboutConnection(after), "connection.deactivated", {
      reason: "credentials_changed",
      credentialRevision: after.credentialRevision,
    });
  }
  return after;
}

/**
 * "Let your provider enter the details": a connection with only a name, so a handoff link
 * (/connections/[id]/handoff) can be made before the customer knows any SIP detail. Username and
 * domain stay empty until the provider (or the customer) saves the account; without a password
 * it cannot be tested or activated.
 */
export async function createForProvider(
  db: Db,
  actor: Actor,
  input: { label: unknown; idempotencyKey: string },
): Promise<ConnectionView> {
  assertCustomer(actor);
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new AppError("validation", "missing or malformed idempotency key");
  }
  const label = sipAccountUpdateSchema.shape.label.safeParse(input.label);
  if (!label.success) {
    throw new AppError("validation", "invalid label", {
      fieldErrors: { label: label.error.issues.map((i) => i.message) },
    });
  }
  await assertRoomForConnection(db, actor.organizationId, input.idempotencyKey);
  const { connection, created } = await createConnection(db, {
    orgId: actor.organizationId,
    idempotencyKey: input.idempotencyKey,
    fields: { label: label.data, sipUsername: "", sipDomain: "", transport: "auto" },
  });
  if (created) {
    await audit(db, actor, aboutConnection(connection), "connection.created", {
      label: connection.label,
      awaitingProvider: true,
      passwordSet: false,
    });
  }
  return connection;
}

/** Activation: only when the latest test of the current credentials passed (checked in SQL). */
export async function activate(db: Db, actor: Actor, id: string): Promise<ConnectionView> {
  assertCustomer(actor);
  const c = await mustGet(db, actor, id);
  const res = await activateConnection(db, { id, orgId: c.organizationId });
  if (!res.ok) throw res.error;
  await audit(db, actor, aboutConnection(c), "connection.activated", {
    credentialRevision: res.connection.credentialRevision,
  });
  return res.connection;
}

/** Undoes activation: back to verified, so it can be re-activated without a new test. */
export async function deactivate(db: Db, actor: Actor, id: string): Promise<ConnectionView> {
  assertCustomer(actor);
  const c = await mustGet(db, actor, id);
  const res = await setStatus(db, { id, orgId: c.organizationId, event: "deactivate" });
  if (!res.ok) throw res.error;
  await audit(db, actor, aboutConnection(c), "connection.deactivated", {
    reason: "user",
    credentialRevision: res.connection.credentialRevision,
  });
  return res.connection;
}

export type WizardState = { connection: ConnectionView; latest: TestSummaryDto | null; canActivate: boolean };

export async function loadWizardState(
  db: Db,
  actor: Actor,
  id: string,
  locale: Locale,
): Promise<WizardState> {
  const connection = await mustGet(db, actor, id);
  const t = await latestTest(db, id);
  return {
    connection,
    latest: t ? testSummaryFor(t, connection, locale) : null,
    canActivate: await canActivate(db, connection),
  };
}

export type ListRow = { connection: ConnectionView; latest: TestSummaryDto | null };

export async function listForActor(db: Db, actor: Actor, locale: Locale): Promise<ListRow[]> {
  assertCustomer(actor);
  const rows = await listConnections(db, { orgId: actor.organizationId });
  return Promise.all(
    rows.map(async (connection) => {
      const t = await latestTest(db, connection.id);
      return { connection, latest: t ? testSummaryFor(t, connection, locale) : null };
    }),
  );
}
