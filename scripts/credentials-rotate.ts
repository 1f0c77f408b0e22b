// `npm run credentials:rotate`: re-encrypts every stored SIP password with the newest key in
// CREDENTIAL_KEYS, in batches. Safe to re-run and to run beside the app on PostgreSQL (with
// PGlite, stop the app first). Procedure: add the new key in front (v2:<new>,v1:<old>), deploy,
// run this until it reports 0 remaining, then drop the old key.
// Runs as `tsx --conditions=react-server` so `server-only` imports resolve outside Next.
import { openDb } from "@/db/client";
import { rotateCredentials } from "@/db/queries/connection-secret";
import { getKeyRing } from "@/lib/crypto/keyring";
import { env } from "@/lib/env";

const e = env();
const ring = getKeyRing();
console.log(
  `Re-encrypting stored passwords to key v${ring.current} (known keys: ${ring.versions.map((v) => `v${v}`).join(", ")}) ...`,
);
const opened = await openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
try {
  const report = await rotateCredentials(opened.db, {
    ring,
    onBatch: (done) => console.log(`  ${done} re-encrypted so far`),
  });
  console.log(`Re-encrypted ${report.rotated}; still on an older key: ${report.remaining}.`);
  if (report.failed.length > 0) {
    console.error(
      `${report.failed.length} passwords could not be decrypted with any configured key ` +
        `(connection ids: ${report.failed.join(", ")}). Add the missing key to CREDENTIAL_KEYS and run again.`,
    );
  }
  process.exitCode = report.failed.length > 0 || report.remaining > 0 ? 1 : 0;
} finally {
  await opened.close();
}
