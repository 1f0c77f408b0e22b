import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import {
  removeAlertWebhook as deleteWebhook,
  getAlertWebhookInfo,
  loadAlertWebhook,
  setAlertWebhook,
} from "@/db/queries/alert-webhooks";
import { listAudit } from "@/db/queries/audit";
import { alertRecipients } from "@/db/queries/health";
import { getOrganization } from "@/db/queries/organizations";
import { takeSlidingWindow } from "@/db/queries/rate-limits";
import { AppError } from "@/lib/errors";
import { alertWebhookForm } from "@/lib/validation/webhook-url";
import { type AuditActor, audit } from "@/server/audit";
import { assertCustomer, type RoleBearer } from "@/server/auth/access";
import { deliverWebhook, type WebhookDeps } from "./webhook";

/**
 * An organization's alert settings: who gets e-mail, and its webhook. Customers see and change
 * their own organization's; support may look at any organization's (audited) and change none.
 * The signing secret leaves this module once, in saveAlertWebhook's answer, and is never audited.
 */

type SettingsActor = RoleBearer & AuditActor;

export type AlertSettings = {
  organizationId: string;
  organizationName: string;
  webhook: { url: string; createdAt: Date } | null;
  /** Every user of the organization (the monitor mails them all; db/queries/health.ts). */
  emailRecipients: string[];
  /** False for support: they see the settings, the organization's people change them. */
  canChange: boolean;
  /** The latest changes and test alerts, newest first (from the audit log). */
  history: AlertHistoryEntry[];
};

export const HISTORY_ACTIONS = [
  "organization.alert_webhook_set",
  "organization.alert_webhook_replaced",
  "organization.alert_webhook_removed",
  "organization.alert_test_sent",
] as const;
export type AlertHistoryAction = (typeof HISTORY_ACTIONS)[number];

export type AlertHistoryEntry = {
  id: number;
  at: Date;
  actorLabel: string;
  action: AlertHistoryAction;
  /** Where it went (the URL's origin), and for a test alert its result code. */
  origin: string | null;
  result: TestAlertResult["code"] | null;
};

const HISTORY_LIMIT = 10;

function historyEntry(e: { id: number; at: Date; actorLabel: string; action: string; details: unknown }) {
  const action = HISTORY_ACTIONS.find((a) => a === e.action);
  if (!action) return [];
  const d = typeof e.details === "object" && e.details !== null ? (e.details as Record<string, unknown>) : {};
  const result = TEST_RESULT_CODES.find((c) => c === d.result) ?? null;
  const origin = typeof d.origin === "string" ? d.origin : null;
  return [{ id: e.id, at: e.at, actorLabel: e.actorLabel, action, origin, result }];
}

/** A customer reads their own organization; support names the one to read. */
async function readableOrg(db: Db, actor: SettingsActor, organizationId?: string) {
  // Another organization's settings do not exist as far as a customer can tell.
  if (actor.role === "customer" && organizationId !== undefined && organizationId !== actor.organizationId)
    throw new AppError("not_found", `organization ${organizationId} not visible to ${actor.label}`);
  const id = actor.role === "customer" ? actor.organizationId : organizationId;
  if (!id) throw new AppError("not_found", "support must name an organization");
  const org = await getOrganization(db, id);
  if (!org) throw new AppError("not_found", `organization ${id} not found`);
  return org;
}

export async function getAlertSettings(
  db: Db,
  actor: SettingsActor,
  organizationId?: string,
): Promise<AlertSettings> {
  const org = await readableOrg(db, actor, organizationId);
  const [hook, emailRecipients, events] = await Promise.all([
    getAlertWebhookInfo(db, org.id),
    alertRecipients(db, org.id),
    listAudit(db, { organizationId: org.id, actions: [...HISTORY_ACTIONS], limit: HISTORY_LIMIT }),
  ]);
  if (actor.role === "support")
    await audit(db, actor, { organizationId: org.id }, "organization.alert_settings_viewed");
  return {
    organizationId: org.id,
    organizationName: org.name,
    webhook: hook ?? null,
    emailRecipients,
    canChange: actor.role === "customer",
    history: events.flatMap(historyEntry),
  };
}

/** Where a webhook goes, for the audit log: the origin only (paths often carry a token). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(not a URL)";
  }
}

/** Sets or replaces the webhook with a new secret; the answer is the only time it is shown. */
export async function saveAlertWebhook(
  db: Db,
  actor: SettingsActor,
  rawUrl: unknown,
): Promise<{ url: string; secret: string }> {
  assertCustomer(actor);
  const { url } = alertWebhookForm.parse({ url: rawUrl });
  const before = await getAlertWebhookInfo(db, actor.organizationId);
  const { secret } = await setAlertWebhook(db, { organizationId: actor.organizationId, url });
  await audit(
    db,
    actor,
    { organizationId: actor.organizationId },
    before ? "organization.alert_webhook_replaced" : "organization.alert_webhook_set",
    { origin: originOf(url), ...(before ? { previousOrigin: originOf(before.url) } : {}) },
  );
  return { url, secret };
}

export async function removeAlertWebhook(db: Db, actor: SettingsActor): Promise<{ removed: boolean }> {
  assertCustomer(actor);
  const url = await deleteWebhook(db, actor.organizationId);
  if (url !== undefined)
    await audit(db, actor, { organizationId: actor.organizationId }, "organization.alert_webhook_removed", {
      origin: originOf(url),
    });
  return { removed: url !== undefined };
}

/** Test alerts per organization: enough to debug a receiver, too few to use us as a cannon. */
export const TEST_ALERT_LIMIT = { limit: 10, windowSeconds: 60 * 60 } as const;

export const TEST_RESULT_CODES = [
  "delivered",
  "refused_address",
  "http_status",
  "timeout",
  "dns_failed",
  "network",
  "bad_url",
  "no_webhook",
] as const;

export type TestAlertResult =
  | { code: "delivered"; status: number }
  | { code: "refused_address"; address: string }
  | { code: "http_status"; status: number }
  | { code: "timeout" }
  | { code: "dns_failed" }
  | { code: "network" }
  | { code: "bad_url" }
  | { code: "no_webhook" };

export const TEST_EVENT_TYPE = "connection.health_test";

/** The test event's JSON: the alert's envelope, no connection (docs/monitoring.md). */
export function testWebhookBody(id: string, at: Date): string {
  return JSON.stringify({
    type: TEST_EVENT_TYPE,
    id,
    occurredAt: at.toISOString(),
    connection: null,
    message: "Test alert from Phone Connection: your webhook receives and can verify our alerts.",
  });
}

/** One signed test event through the sender the monitor uses (same policy, same signature). */
export async function sendTestAlert(
  db: Db,
  actor: SettingsActor,
  deps: WebhookDeps = {},
): Promise<TestAlertResult> {
  assertCustomer(actor);
  const hook = await loadAlertWebhook(db, actor.organizationId);
  if (!hook) return { code: "no_webhook" };
  const rate = await takeSlidingWindow(db, {
    bucket: "alert_test",
    key: actor.organizationId,
    ...TEST_ALERT_LIMIT,
  });
  if (!rate.ok)
    throw new AppError("rate_limited", "too many test alerts", { retryAfterSeconds: rate.retryAfterSeconds });
  const id = randomUUID();
  const r = await deliverWebhook(hook, testWebhookBody(id, new Date()), deps);
  const result: TestAlertResult = r.ok
    ? { code: "delivered", status: r.status }
    : r.code === "refused_address"
      ? { code: "refused_address", address: r.address ?? "" }
      : r.code === "http_status"
        ? { code: "http_status", status: r.status ?? 0 }
        : { code: r.code };
  await audit(db, actor, { organizationId: actor.organizationId }, "organization.alert_test_sent", {
    eventId: id,
    origin: originOf(hook.url),
    result: result.code,
    ...("status" in result ? { status: result.status } : {}),
  });
  return result;
}
