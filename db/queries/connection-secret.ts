import "server-only";
import { and, asc, eq, gt, isNotNull, like, ne, or, sql } from "drizzle-orm";
import { destinationFingerprint } from "@/lib/crypto/destination";
import { getKeyRing, type KeyRing } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret, type OpenErrorCode } from "@/lib/crypto/secret-box";
import { SecretValue } from "@/lib/crypto/secret-value";
import type { TransportChoice } from "@/lib/transport";
import type { Db } from "../client";
import { connections } from "../schema";
import { destinationOf } from "./connections";

/**
 * THE ONLY PLACE A SIP PASSWORD IS DECRYPTED FOR USE. `loadSecretForTest` is called by the SIP
 * test runner and nothing else; the password comes back wrapped in SecretValue (prints as
 * "[redacted]") and must go straight into digest computation (RFC 7616 3.4.1), never into a
 * log, response, URL or trace. `rotateCredentials` also decrypts, but only to re-encrypt in
 * place; the plaintext never leaves it.
 */

export type SipAccountForTest = {
  connectionId: string;
  credentialRevision: number;
  sipUsername: string;
  authUsername: string | null;
  sipDomain: string;
  port: number | null;
  transport: TransportChoice;
  outboundProxy: string | null;
  password: SecretValue;
};

export type LoadSecretResult =
  | { ok: true; account: SipAccountForTest }
  | { ok: false; code: "not_found" | "no_password" | `decrypt_${OpenErrorCode}` };

/** Loads the account and its password in one read, so both belong to the same revision. */
export async function loadSecretForTest(
  db: Db,
  connectionId: string,
  ring?: KeyRing,
): Promise<LoadSecretResult> {
  const rows = await db
    .select({
      id: connections.id,
      credentialRevision: connections.credentialRevision,
      sipUsername: connections.sipUsername,
      authUsername: connections.authUsername,
      sipDomain: connections.sipDomain,
      port: connections.port,
      transport: connections.transport,
      outboundProxy: connections.outboundProxy,
      passwordCiphertext: connections.passwordCiphertext,
    })
    .from(connections)
    .where(eq(connections.id, connectionId));
  const row = rows[0];
  if (!row) return { ok: false, code: "not_found" };
  const { passwordCiphertext, id, ...fields } = row;
  if (passwordCiphertext === null) return { ok: false, code: "no_password" };
  // Opened for the destination as stored now: a v2 value saved for another one fails (AAD).
  const opened = decryptSecret(
    ring ?? getKeyRing(),
    passwordCiphertext,
    id,
    destinationFingerprint(destinationOf(fields)),
  );
  if (!opened.ok) return { ok: false, code: `decrypt_${opened.code}` };
  return { ok: true, account: { connectionId: id, ...fields, password: new SecretValue(opened.plaintext) } };
}

export type RotationReport = {
  /** Rows re-encrypted to the newest key in this run. */
  rotated: number;
  /** Rows that could not be decrypted with any configured key (ids only). */
  failed: string[];
  /** Rows still on an older key (0 unless something failed or a write raced). */
  remaining: number;
};

/**
 * Re-encrypts every stored password to the ring's newest key and to format v2 (bound to the
 * row's destination), `batchSize` rows per transaction. Safe to re-run and to run beside the app: rows already on the newest key are
 * skipped, and a row whose ciphertext changed since it was read (a concurrent password edit)
 * is left alone — the edit already used the newest key. Version and credential revision are
 * untouched: the password did not change.
 */
export async function rotateCredentials(
  db: Db,
  opts: { ring?: KeyRing; batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<RotationReport> {
  const ring = opts.ring ?? getKeyRing();
  const batchSize = opts.batchSize ?? 200;
  const failed: string[] = [];
  let rotated = 0;
  let cursor = "00000000-0000-0000-0000-000000000000";
  const stale = or(
    ne(connections.passwordKeyVersion, ring.current),
    like(connections.passwordCiphertext, "v1.%"),
  );
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select({
          id: connections.id,
          ciphertext: connections.passwordCiphertext,
          sipUsername: connections.sipUsername,
          authUsername: connections.authUsername,
          sipDomain: connections.sipDomain,
          port: connections.port,
          transport: connections.transport,
          outboundProxy: connections.outboundProxy,
        })
        .from(connections)
        .where(and(isNotNull(connections.passwordCiphertext), stale, gt(connections.id, cursor)))
        .orderBy(asc(connections.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const row of rows) {
        if (row.ciphertext === null) continue;
        const binding = destinationFingerprint(destinationOf(row));
        const opened = decryptSecret(ring, row.ciphertext, row.id, binding);
        if (!opened.ok) {
          failed.push(row.id);
          continue;
        }
        const next = encryptSecret(ring, opened.plaintext, row.id, binding);
        const done = await tx
          .update(connections)
          .set({ passwordCiphertext: next.ciphertext, passwordKeyVersion: next.keyVersion })
          .where(and(eq(connections.id, row.id), eq(connections.passwordCiphertext, row.ciphertext)))
          .returning({ id: connections.id });
        rotated += done.length;
      }
      return rows;
    });
    const last = batch[batch.length - 1];
    if (!last) break;
    cursor = last.id;
    opts.onBatch?.(rotated);
    if (batch.length < batchSize) break;
  }
  const left = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(connections)
    .where(and(isNotNull(connections.passwordCiphertext), stale));
  return { rotated, failed, remaining: left[0]?.n ?? 0 };
}
