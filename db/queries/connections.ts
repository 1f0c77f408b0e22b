import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type ConnectionStatus, type StatusEvent, statusMoves, transition } from "@/lib/connections/status";
import { destinationFingerprint } from "@/lib/crypto/destination";
import { getKeyRing, type KeyRing } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { TransportChoice } from "@/lib/transport";
import { sameDestination } from "@/lib/validation/destination";
import type { Db } from "../client";
import { connections, connectionTests } from "../schema";

/**
 * Connections. The password is write-only: every query here selects `publicColumns`, an
 * explicit list without the ciphertext, so no result can carry it. The one decrypt path is
 * db/queries/connection-secret.ts.
 */
export const publicColumns = {
  id: connections.id,
  organizationId: connections.organizationId,
  label: connections.label,
  sipUsername: connections.sipUsername,
  authUsername: connections.authUsername,
  sipDomain: connections.sipDomain,
  port: connections.port,
  transport: connections.transport,
  outboundProxy: connections.outboundProxy,
  passwordSavedAt: connections.passwordSavedAt,
  credentialRevision: connections.credentialRevision,
  status: connections.status,
  version: connections.version,
  createdAt: connections.createdAt,
  updatedAt: connections.updatedAt,
  activatedAt: connections.activatedAt,
};

export type ConnectionView = {
  id: string;
  organizationId: string;
  label: string;
  sipUsername: string;
  authUsername: string | null;
  sipDomain: string;
  port: number | null;
  transport: TransportChoice;
  outboundProxy: string | null;
  /** The UI says "saved on <date>"; null means no password yet. */
  passwordSavedAt: Date | null;
  credentialRevision: number;
  status: ConnectionStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
};

/** The editable fields; names match lib/validation/sip-account.ts. */
export type ConnectionFields = {
  label: string;
  sipUsername: string;
  authUsername?: string | null;
  sipDomain: string;
  port?: number | null;
  transport?: TransportChoice;
  outboundProxy?: string | null;
};

/** The fields a SIP test depends on: changing one makes earlier results stale. */
export const CREDENTIAL_FIELDS = [
  "sipUsername",
  "authUsername",
  "sipDomain",
  "port",
  "transport",
  "outboundProxy",
] as const;

/** The destination a password is bound to (lib/validation/destination.ts). */
export function destinationOf(f: Omit<ConnectionFields, "label">) {
  return {
    sipUsername: f.sipUsername,
    authUsername: f.authUsername ?? null,
    sipDomain: f.sipDomain,
    port: f.port ?? null,
    transport: f.transport ?? "auto",
    outboundProxy: f.outboundProxy ?? null,
  };
}

/** A saved password stays with its destination: a new one needs the password typed again. */
export const passwordForNewDestination = () =>
  new AppError("validation", "destination changed without entering the password again", {
    userMessage:
      "You changed where this SIP account connects. Enter the SIP password again: a saved password is only sent to the server it was entered for.",
    fieldErrors: { sipPassword: ["validation.passwordAgain"] },
  });

export type ConnectionResult = { ok: true; connection: ConnectionView } | { ok: false; error: AppError };

/**
 * The status after `event` as SQL, from lib/connections/status.ts's table: a guarded update
 * checks and moves the status in one statement. `status` is the expression it applies to.
 */
export function movedStatus(event: StatusEvent): SQL<ConnectionStatus> {
  const whens = statusMoves(event).map(([from, to]) => sql`when ${from} then ${to}`);
  return sql<ConnectionStatus>`(case ${connections.status} ${sql.join(whens, sql` `)} end)`;
}

/** The statuses `event` may leave (a WHERE guard). */
export function movableFrom(event: StatusEvent): SQL {
  return inArray(
    connections.status,
    statusMoves(event).map(([from]) => from),
  );
}

/** A live connection keeps its activation time; any other status has none. */
function activatedAtAfter(status: SQL<ConnectionStatus>): SQL<Date | null> {
  return sql`(case when ${status} = 'active' then ${connections.activatedAt} else null end)`;
}

/**
 * A guarded write matched no row: `not_found` when the connection is not visible, otherwise the
 * caller's `conflict` (the guard failed), built from the row as it is now.
 */
async function missed(
  db: Db,
  input: { id: string; orgId: string | null },
  conflict: (current: ConnectionView) => string,
  userMessage?: string,
  event?: StatusEvent,
): Promise<ConnectionResult> {
  const current = await getConnection(db, { id: input.id, orgId: input.orgId });
  if (!current) return { ok: false, error: new AppError("not_found", `connection ${input.id} not found`) };
  if (event) {
    const move = transition(current.status, event);
    if (!move.ok) return move;
  }
  return {
    ok: false,
    error: new AppError("conflict", conflict(current), userMessage ? { userMessage } : {}),
  };
}

/**
 * Creates a connection. The same (orgId, idempotencyKey) twice gives one row: the second call
 * returns the first row with `created: false` and ignores its own fields.
 */
export async function createConnection(
  db: Db,
  input: {
    orgId: string;
    idempotencyKey: string;
    fields: ConnectionFields;
    password?: string;
    now?: Date;
    ring?: KeyRing;
  },
): Promise<{ connection: ConnectionView; created: boolean }> {
  const now = input.now ?? new Date();
  const id = randomUUID();
  const f = input.fields;
  const secret =
    input.password === undefined
      ? undefined
      : encryptSecret(
          input.ring ?? getKeyRing(),
          input.password,
          id,
          destinationFingerprint(destinationOf(f)),
        );
  const inserted = await db
    .insert(connections)
    .values({
      id,
      organizationId: input.orgId,
      idempotencyKey: input.idempotencyKey,
      label: f.label,
      sipUsername: f.sipUsername,
      authUsername: f.authUsername ?? null,
      sipDomain: f.sipDomain,
      port: f.port ?? null,
      transport: f.transport ?? "auto",
      outboundProxy: f.outboundProxy ?? null,
      passwordCiphertext: secret?.ciphertext ?? null,
      passwordKeyVersion: secret?.keyVersion ?? null,
      passwordSavedAt: secret ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [connections.organizationId, connections.idempotencyKey] })
    .returning(publicColumns);
  const row = inserted[0];
  if (row) return { connection: row, created: true };
  const existing = await db
    .select(publicColumns)
    .from(connections)
    .where(
      and(eq(connections.organizationId, input.orgId), eq(connections.idempotencyKey, input.idempotencyKey)),
    );
  const first = existing[0];
  if (!first) throw new Error("idempotent insert conflicted but no row was found");
  return { connection: first, created: false };
}

/**
 * Optimistic update: succeeds only while the row still has `expectedVersion`, so of two
 * concurrent edits exactly one wins and the other gets `conflict`. A changed credential field
 * or a new password bumps `credentialRevision` (earlier test results stop counting) and turns
 * a verified/failed connection back into a draft. Omitted fields and password stay as they are.
 */
export async function updateConnection(
  db: Db,
  input: {
    id: string;
    orgId: string;
    expectedVersion: number;
    fields: Partial<ConnectionFields>;
    password?: string;
    now?: Date;
    ring?: KeyRing;
  },
): Promise<ConnectionResult> {
  const now = input.now ?? new Date();
  const f = input.fields;
  const values: Partial<typeof connections.$inferInsert> = {};
  if (f.label !== undefined) values.label = f.label;
  if (f.sipUsername !== undefined) values.sipUsername = f.sipUsername;
  if (f.authUsername !== undefined) values.authUsername = f.authUsername;
  if (f.sipDomain !== undefined) values.sipDomain = f.sipDomain;
  if (f.port !== undefined) values.port = f.port;
  if (f.transport !== undefined) values.transport = f.transport;
  if (f.outboundProxy !== undefined) values.outboundProxy = f.outboundProxy;

  // The destination check reads the row at some version; the write below only applies at
  // `expectedVersion`, so a check on another version can never let a write through.
  const currentRows = await db
    .select({ ...publicColumns, hasPassword: sql<boolean>`${connections.passwordCiphertext} is not null` })
    .from(connections)
    .where(and(eq(connections.id, input.id), eq(connections.organizationId, input.orgId)));
  const current = currentRows[0];
  if (!current) return { ok: false, error: new AppError("not_found", `connection ${input.id} not found`) };
  if (current.version !== input.expectedVersion)
    return missed(
      db,
      input,
      (c) => `connection ${input.id} is at version ${c.version}, edit expected ${input.expectedVersion}`,
    );
  const merged = destinationOf({ ...current, ...values });
  if (input.password === undefined && current.hasPassword && !sameDestination(destinationOf(current), merged))
    return { ok: false, error: passwordForNewDestination() };

  // Compared in SQL against the row being updated, so the check and the write are one step.
  const changes: SQL[] = [];
  for (const name of CREDENTIAL_FIELDS) {
    const v = values[name];
    if (v !== undefined) changes.push(sql`${connections[name]} is distinct from ${v}`);
  }
  if (input.password !== undefined) {
    const secret = encryptSecret(
      input.ring ?? getKeyRing(),
      input.password,
      input.id,
      destinationFingerprint(merged),
    );
    values.passwordCiphertext = secret.ciphertext;
    values.passwordKeyVersion = secret.keyVersion;
    values.passwordSavedAt = now;
    changes.push(sql`true`);
  }
  const changed = changes.length > 0 ? sql.join(changes, sql` or `) : sql`false`;
  // Settings nobody has tested: a tested or live connection goes back to draft.
  const newStatus = sql<ConnectionStatus>`(case when ${changed} then ${movedStatus("edit")} else ${connections.status} end)`;

  const updated = await db
    .update(connections)
    .set({
      ...values,
      credentialRevision: sql`case when ${changed} then ${connections.credentialRevision} + 1 else ${connections.credentialRevision} end`,
      status: newStatus,
      activatedAt: activatedAtAfter(newStatus),
      version: sql`${connections.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(connections.id, input.id),
        eq(connections.organizationId, input.orgId),
        eq(connections.version, input.expectedVersion),
      ),
    )
    .returning(publicColumns);
  const row = updated[0];
  if (row) return { ok: true, connection: row };
  return missed(
    db,
    input,
    (current) =>
      `connection ${input.id} is at version ${current.version}, edit expected ${input.expectedVersion}`,
  );
}

/** One connection of an organization; `orgId: null` is for support staff (any organization). */
export async function getConnection(
  db: Db,
  input: { id: string; orgId: string | null },
): Promise<ConnectionView | undefined> {
  const where =
    input.orgId === null
      ? eq(connections.id, input.id)
      : and(eq(connections.id, input.id), eq(connections.organizationId, input.orgId));
  const rows = await db.select(publicColumns).from(connections).where(where);
  return rows[0];
}

/** Newest first. `orgId: null` lists every organization's connections (support). */
export async function listConnections(
  db: Db,
  input: { orgId: string | null; statuses?: ConnectionStatus[]; limit?: number },
): Promise<ConnectionView[]> {
  const filters: SQL[] = [];
  if (input.orgId !== null) filters.push(eq(connections.organizationId, input.orgId));
  if (input.statuses && input.statuses.length > 0) filters.push(inArray(connections.status, input.statuses));
  return db
    .select(publicColumns)
    .from(connections)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(connections.createdAt), desc(connections.id))
    .limit(input.limit ?? 200);
}

/**
 * Applies a status event (lib/connections/status.ts) without bumping `version`: status is not
 * user-typed content, so a running test must not turn the user's pending edit into a conflict.
 * A status the event may not leave gives `invalid_transition`.
 *
 * `beforeTest`: the event ends a test that changed nothing (a refusal), so it applies to the
 * status the connection had before test_start — and only while it is still "testing".
 */
export async function setStatus(
  db: Db,
  input: { id: string; orgId: string | null; event: StatusEvent; beforeTest?: ConnectionStatus; now?: Date },
): Promise<ConnectionResult> {
  const filters: SQL[] = [eq(connections.id, input.id)];
  if (input.orgId !== null) filters.push(eq(connections.organizationId, input.orgId));
  let status: SQL<ConnectionStatus>;
  if (input.beforeTest === undefined) {
    filters.push(movableFrom(input.event));
    status = movedStatus(input.event);
  } else {
    const move = transition(input.beforeTest, input.event);
    if (!move.ok) return move;
    filters.push(eq(connections.status, "testing"));
    status = sql<ConnectionStatus>`${move.to}`;
  }
  const updated = await db
    .update(connections)
    .set({ status, activatedAt: activatedAtAfter(status), updatedAt: input.now ?? new Date() })
    .where(and(...filters))
    .returning(publicColumns);
  const row = updated[0];
  if (row) return { ok: true, connection: row };
  return missed(
    db,
    input,
    (current) => `connection ${input.id} is ${current.status}`,
    undefined,
    input.event,
  );
}

/**
 * Activates only when the latest finished test of the *current* credential revision passed,
 * checked in the same statement as the write, so a credential edit racing the click wins.
 * Runs refused by the target limiter (rate_limited) tested nothing and do not count.
 */
export async function activateConnection(
  db: Db,
  input: { id: string; orgId: string; now?: Date },
): Promise<ConnectionResult> {
  const now = input.now ?? new Date();
  const latestPassed = sql`coalesce((
    select ${connectionTests.ok} from ${connectionTests}
    where ${connectionTests.connectionId} = ${connections.id}
      and ${connectionTests.credentialRevision} = ${connections.credentialRevision}
      and ${connectionTests.finishedAt} is not null
      and ${connectionTests.verdict} <> 'rate_limited'
    order by ${connectionTests.startedAt} desc limit 1), false)`;
  const updated = await db
    .update(connections)
    .set({ status: movedStatus("activate"), activatedAt: now, updatedAt: now })
    .where(
      and(
        eq(connections.id, input.id),
        eq(connections.organizationId, input.orgId),
        movableFrom("activate"),
        latestPassed,
      ),
    )
    .returning(publicColumns);
  const row = updated[0];
  if (row) return { ok: true, connection: row };
  return missed(
    db,
    input,
    () => `connection ${input.id} has no passing test of its current credentials`,
    "Run a successful test of the current settings before activating.",
    "activate",
  );
}
