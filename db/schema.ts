// No `import "server-only"` here: drizzle-kit loads this file outside Next. It holds no secrets.
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

// Relative imports: drizzle-kit loads this file without the "@/" path alias.
import { CONNECTION_STATUSES, type ConnectionStatus } from "../lib/connections/status";
import type { Json } from "../lib/json";
import { TRANSPORT_CHOICES, type TransportChoice } from "../lib/transport";

export type { Json };

export const USER_ROLES = ["customer", "support"] as const;
export type UserRole = (typeof USER_ROLES)[number];

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: tz("created_at").notNull().defaultNow(),
});

// Text ids so the auth library (better-auth) owns id generation.
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role").$type<UserRole>().notNull().default("customer"),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "set null" }),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [check("users_role_check", inList("role", USER_ROLES)), index("users_org_idx").on(t.organizationId)],
);

export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    sipUsername: text("sip_username").notNull(),
    authUsername: text("auth_username"),
    sipDomain: text("sip_domain").notNull(),
    port: integer("port"),
    transport: text("transport").$type<TransportChoice>().notNull().default("auto"),
    outboundProxy: text("outbound_proxy"),
    // "v1.<keyVersion>.<iv>.<ciphertext>.<tag>" (lib/crypto/secret-box.ts); never selected outside
    // db/queries/connection-secret.ts and the rotation script.
    passwordCiphertext: text("password_ciphertext"),
    passwordKeyVersion: integer("password_key_version"),
    passwordSavedAt: tz("password_saved_at"),
    // Bumped whenever a credential field or the password changes: a test proves one revision.
    credentialRevision: integer("credential_revision").notNull().default(1),
    status: text("status").$type<ConnectionStatus>().notNull().default("draft"),
    version: integer("version").notNull().default(1),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    activatedAt: tz("activated_at"),
  },
  (t) => [
    unique("connections_org_idempotency_key").on(t.organizationId, t.idempotencyKey),
    index("connections_org_idx").on(t.organizationId, t.createdAt),
    index("connections_key_version_idx").on(t.passwordKeyVersion),
    check("connections_transport_check", inList("transport", TRANSPORT_CHOICES)),
    check("connections_status_check", inList("status", CONNECTION_STATUSES)),
    check("connections_port_check", sql`port is null or (port between 1 and 65535)`),
    check(
      "connections_password_complete",
      sql`(password_ciphertext is null) = (password_key_version is null) and (password_ciphertext is null) = (password_saved_at is null)`,
    ),
  ],
);

export const connectionTests = pgTable(
  "connection_tests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: tz("started_at").notNull().defaultNow(),
    finishedAt: tz("finished_at"),
    verdict: text("verdict"),
    ok: boolean("ok"),
    warnings: jsonb("warnings").$type<Json>(),
    steps: jsonb("steps").$type<Json>(),
    sip: jsonb("sip").$type<Json>(),
    target: jsonb("target").$type<Json>(),
    // Already redacted by lib/sip before it gets here.
    trace: jsonb("trace").$type<Json>(),
    // The engine's AdviceFacts (realm, retry-after, certificate, min-expires…), whitelisted by
    // lib/connections/facts.ts: nothing password-derived.
    facts: jsonb("facts").$type<Json>(),
    pbxProduct: text("pbx_product"),
    credentialRevision: integer("credential_revision").notNull(),
  },
  (t) => [index("connection_tests_conn_idx").on(t.connectionId, t.startedAt)],
);

/**
 * Test calls (inbound, outbound, with an optional transfer), kept with the test history. `call`
 * is the CLI's call object; `trace` the call's SIP ladder (redacted by lib/sip); `report` the
 * rest support needs (route, statuses, echo round trip). Facts are whitelisted like tests'.
 */
export const testCalls = pgTable(
  "test_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: tz("started_at").notNull().defaultNow(),
    finishedAt: tz("finished_at"),
    direction: text("direction").notNull(),
    outcome: text("outcome"),
    ok: boolean("ok"),
    call: jsonb("call").$type<Json>(),
    report: jsonb("report").$type<Json>(),
    trace: jsonb("trace").$type<Json>(),
    facts: jsonb("facts").$type<Json>(),
    credentialRevision: integer("credential_revision").notNull(),
  },
  (t) => [index("test_calls_conn_idx").on(t.connectionId, t.startedAt)],
);

// Append-only: a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE. No foreign keys,
// so deleting a connection or organization never has to touch the log.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tz("at").notNull().defaultNow(),
    actorUserId: text("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    organizationId: uuid("organization_id").notNull(),
    connectionId: uuid("connection_id"),
    action: text("action").notNull(),
    details: jsonb("details").$type<Json>().notNull().default({}),
  },
  (t) => [
    index("audit_events_org_idx").on(t.organizationId, t.at),
    index("audit_events_conn_idx").on(t.connectionId, t.at),
  ],
);

// Sliding-window counters (per connection, per client IP).
export const rateEvents = pgTable(
  "rate_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    at: tz("at").notNull(),
  },
  (t) => [index("rate_events_bucket_key_at_idx").on(t.bucket, t.key, t.at)],
);

// One row per credentialed REGISTER we intend to send to a target address.
// 'pending' counts as a failure until settled, so a crash can never widen the budget.
export const credentialAttempts = pgTable(
  "credential_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    target: text("target").notNull(),
    reservedAt: tz("reserved_at").notNull(),
    outcome: text("outcome").$type<"pending" | "success" | "failure" | "not_sent" | "cleared">().notNull(),
    settledAt: tz("settled_at"),
  },
  (t) => [
    index("credential_attempts_target_idx").on(t.target, t.reservedAt),
    check(
      "credential_attempts_outcome_check",
      inList("outcome", ["pending", "success", "failure", "not_sent", "cleared"]),
    ),
  ],
);

// Login details a PBX rejected, as keyed HMACs (docs/pbx-safety.md): never sent there again.
export const rejectedCredentials = pgTable("rejected_credentials", {
  key: text("key").primaryKey(),
  rejectedAt: tz("rejected_at").notNull(),
});

export const rateCooldowns = pgTable(
  "rate_cooldowns",
  {
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    until: tz("until").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] })],
);

// The hosts an organization has tested, to cap new ones per day.
export const orgTargetHosts = pgTable(
  "org_target_hosts",
  {
    organizationId: uuid("organization_id").notNull(),
    host: text("host").notNull(),
    firstSeenAt: tz("first_seen_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.host] }),
    index("org_target_hosts_seen_idx").on(t.organizationId, t.firstSeenAt),
  ],
);

// One-time links a customer sends to their telecom provider. Only the SHA-256 of the
// 256-bit token is stored; the token itself exists in the link alone.
export const handoffLinks = pgTable(
  "handoff_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    openedAt: tz("opened_at"),
    usedAt: tz("used_at"),
    revokedAt: tz("revoked_at"),
    testId: uuid("test_id").references(() => connectionTests.id, { onDelete: "set null" }),
    /** Submissions so far; a failed test reopens the link until HANDOFF_MAX_ATTEMPTS. */
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [
    index("handoff_links_conn_idx").on(t.connectionId, t.createdAt),
    check("handoff_links_attempts_check", sql`attempts >= 0`),
    check("handoff_links_token_hash_check", sql`token_hash ~ '^[0-9a-f]{64}$'`),
    check("handoff_links_expiry_check", sql`expires_at > created_at`),
  ],
);

// Registration health of active connections (server/monitor). One row per monitored connection;
// the worker owns it. `next_due_at` spreads checks over the interval (jitter at first sight).
export const HEALTH_STATES = ["unknown", "healthy", "degraded", "down"] as const;
export type HealthStateName = (typeof HEALTH_STATES)[number];

export const connectionHealth = pgTable(
  "connection_health",
  {
    connectionId: uuid("connection_id")
      .primaryKey()
      .references(() => connections.id, { onDelete: "cascade" }),
    state: text("state").$type<HealthStateName>().notNull().default("unknown"),
    failures: integer("failures").notNull().default(0),
    successes: integer("successes").notNull().default(0),
    // Failures in the current streak where the PBX answered (a later silence may be a ban).
    answeredFailures: integer("answered_failures").notNull().default(0),
    probablyBanned: boolean("probably_banned").notNull().default(false),
    // Set when the PBX rejected the credentials of this revision: no check until it changes.
    stoppedRevision: integer("stopped_revision"),
    paused: boolean("paused").notNull().default(false),
    nextDueAt: tz("next_due_at").notNull(),
    // The due time of the last check applied: a retried job for the same slot is a no-op.
    lastSlot: tz("last_slot"),
    lastCheckAt: tz("last_check_at"),
    lastVerdict: text("last_verdict"),
    lastTarget: text("last_target"),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("connection_health_state_check", inList("state", HEALTH_STATES)),
    index("connection_health_due_idx").on(t.nextDueAt),
  ],
);

// One row per monitoring check (the 24 h / 7 day chart); pruned after MONITOR_KEEP_DAYS.
export const healthChecks = pgTable(
  "health_checks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    at: tz("at").notNull(),
    dueAt: tz("due_at").notNull(),
    ok: boolean("ok").notNull(),
    verdict: text("verdict").notNull(),
    durationMs: integer("duration_ms").notNull(),
    state: text("state").$type<HealthStateName>().notNull(),
  },
  (t) => [index("health_checks_conn_idx").on(t.connectionId, t.at)],
);

// State changes (the history on the connection page); their alert jobs are queued in the same
// transaction (server/monitor/check.ts).
export const healthEvents = pgTable(
  "health_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").notNull(),
    at: tz("at").notNull(),
    fromState: text("from_state").$type<HealthStateName>().notNull(),
    toState: text("to_state").$type<HealthStateName>().notNull(),
    reason: text("reason").notNull(),
    verdict: text("verdict"),
  },
  (t) => [index("health_events_conn_idx").on(t.connectionId, t.at)],
);

// One running check per PBX target across all workers. pg-boss's group concurrency already
// keeps them apart, but two fetches racing under READ COMMITTED can both start one; this lease
// makes it a guarantee. `until` frees the target if a worker dies holding it.
export const monitorTargetLeases = pgTable("monitor_target_leases", {
  target: text("target").primaryKey(),
  holder: uuid("holder").notNull(),
  until: tz("until").notNull(),
});

// An organization's optional alert webhook; the signing secret is sealed like a SIP password.
export const alertWebhooks = pgTable("alert_webhooks", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  url: text("url").notNull(),
  secretCiphertext: text("secret_ciphertext").notNull(),
  createdAt: tz("created_at").notNull().defaultNow(),
});
