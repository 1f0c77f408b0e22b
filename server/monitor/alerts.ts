import "server-only";
import type { Db } from "@/db/client";
import { loadAlertWebhook } from "@/db/queries/alert-webhooks";
import { getConnection } from "@/db/queries/connections";
import { alertRecipients, getEvent, getHealth } from "@/db/queries/health";
import { type AlertFacts, alertText, bilingualAlert } from "@/lib/monitor/alert-text";
import type { Mailer } from "./mail";
import { deliverWebhook, type WebhookDeps } from "./webhook";

/** One alert job: a state change, to one channel (so a failing webhook never resends mail). */
export type AlertJob = { eventId: string; channel: "email" | "webhook" };

export type AlertDeps = {
  db: Db;
  mailer: Mailer;
  webhook?: WebhookDeps;
  appUrl: string;
  sourceAddresses: string[];
};

/** Thrown for a delivery worth retrying; pg-boss backs off and tries again. */
export class RetryableAlertError extends Error {
  override name = "RetryableAlertError";
}

async function factsOf(deps: AlertDeps, eventId: string) {
  const event = await getEvent(deps.db, eventId);
  if (!event) return undefined;
  const c = await getConnection(deps.db, { id: event.connectionId, orgId: event.organizationId });
  if (!c) return undefined;
  const health = await getHealth(deps.db, c.id);
  const facts: AlertFacts = {
    connectionLabel: c.label,
    domain: c.sipDomain,
    fromState: event.fromState,
    toState: event.toState,
    reason: event.reason,
    verdict: event.verdict,
    at: event.at,
    target: health?.lastTarget ?? null,
    sourceAddresses: deps.sourceAddresses,
    connectionUrl: new URL(`/connections/${c.id}`, deps.appUrl).toString(),
  };
  return { event, connection: c, facts };
}

/** The JSON a webhook receives (stable field names; see docs/monitoring.md). */
export function webhookBody(eventId: string, f: AlertFacts, connectionId: string): string {
  return JSON.stringify({
    type: "connection.health_changed",
    id: eventId,
    occurredAt: f.at.toISOString(),
    connection: { id: connectionId, label: f.connectionLabel, domain: f.domain },
    from: f.fromState,
    to: f.toState,
    reason: f.reason,
    verdict: f.verdict,
    message: alertText("en", f).text,
  });
}

export async function deliverAlert(deps: AlertDeps, job: AlertJob): Promise<string> {
  const found = await factsOf(deps, job.eventId);
  if (!found) return "gone";
  const { event, connection, facts } = found;
  if (job.channel === "email") {
    const to = await alertRecipients(deps.db, event.organizationId);
    if (to.length === 0) return "no recipients";
    await deps.mailer.send({ to, ...bilingualAlert(facts) });
    return `mailed ${to.length}`;
  }
  const hook = await loadAlertWebhook(deps.db, event.organizationId);
  if (!hook) return "no webhook";
  const r = await deliverWebhook(hook, webhookBody(event.id, facts, connection.id), deps.webhook);
  if (r.ok) return `webhook ${r.status}`;
  if (r.retry) throw new RetryableAlertError(`webhook ${r.code}: ${r.detail}`);
  // Not worth retrying (a refused address, a 4xx): say so once and stop.
  console.warn(`[monitor] webhook of organization ${event.organizationId} not sent: ${r.code}: ${r.detail}`);
  return `webhook refused: ${r.code}`;
}
