import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getKeyRing, type KeyRing } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import type { Db } from "../client";
import { alertWebhooks } from "../schema";

/**
 * An organization's alert webhook. The signing secret is sealed (AES-256-GCM, bound to the
 * organization) and shown to a person once, when it is created; only the alert sender opens it.
 */

const binding = (organizationId: string) => `webhook:${organizationId}`;

/** Sets (or replaces) the webhook; returns the new signing secret, the only time it is shown. */
export async function setAlertWebhook(
  db: Db,
  input: { organizationId: string; url: string },
  ring?: KeyRing,
): Promise<{ secret: string }> {
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const sealed = encryptSecret(ring ?? getKeyRing(), secret, binding(input.organizationId));
  await db
    .insert(alertWebhooks)
    .values({ organizationId: input.organizationId, url: input.url, secretCiphertext: sealed.ciphertext })
    .onConflictDoUpdate({
      target: alertWebhooks.organizationId,
      set: { url: input.url, secretCiphertext: sealed.ciphertext, createdAt: new Date() },
    });
  return { secret };
}

/** The URL of the webhook removed, or undefined when there was none. */
export async function removeAlertWebhook(db: Db, organizationId: string): Promise<string | undefined> {
  const rows = await db
    .delete(alertWebhooks)
    .where(eq(alertWebhooks.organizationId, organizationId))
    .returning({ url: alertWebhooks.url });
  return rows[0]?.url;
}

/** What the settings page shows: the URL and since when, never the secret. */
export async function getAlertWebhookInfo(
  db: Db,
  organizationId: string,
): Promise<{ url: string; createdAt: Date } | undefined> {
  const rows = await db
    .select({ url: alertWebhooks.url, createdAt: alertWebhooks.createdAt })
    .from(alertWebhooks)
    .where(eq(alertWebhooks.organizationId, organizationId));
  return rows[0];
}

export type WebhookTarget = { url: string; secret: string };

/** For the alert sender only. Undefined: no webhook (or one whose secret cannot be opened). */
export async function loadAlertWebhook(
  db: Db,
  organizationId: string,
  ring?: KeyRing,
): Promise<WebhookTarget | undefined> {
  const rows = await db.select().from(alertWebhooks).where(eq(alertWebhooks.organizationId, organizationId));
  const row = rows[0];
  if (!row) return undefined;
  const opened = decryptSecret(ring ?? getKeyRing(), row.secretCiphertext, binding(organizationId));
  if (!opened.ok) {
    console.error(
      `[monitor] webhook secret of organization ${organizationId} cannot be opened: ${opened.code}`,
    );
    return undefined;
  }
  return { url: row.url, secret: opened.plaintext };
}
