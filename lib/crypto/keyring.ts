import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/lib/env";

const KEY_BYTES = 32;

export type KeyRingErrorCode = "missing_keys" | "invalid_keys";

/** A configuration error: raised at start-up, never carries key material in its message. */
export class KeyRingError extends Error {
  readonly code: KeyRingErrorCode;
  constructor(code: KeyRingErrorCode, message: string) {
    super(message);
    this.name = "KeyRingError";
    this.code = code;
  }
}

export type KeyRing = {
  /** The newest version: every write uses it. */
  readonly current: number;
  /** Every version that may still be decrypted. */
  readonly versions: readonly number[];
  key(version: number): Buffer | undefined;
};

function makeRing(keys: Map<number, Buffer>): KeyRing {
  const versions = [...keys.keys()].sort((a, b) => b - a);
  const current = versions[0];
  if (current === undefined) throw new KeyRingError("missing_keys", "The credential key ring is empty.");
  return { current, versions, key: (v) => keys.get(v) };
}

/**
 * Parses `v2:<base64>,v1:<base64>`. The highest version encrypts; all decrypt.
 * Each key must decode to exactly 32 bytes (AES-256).
 */
export function parseCredentialKeys(spec: string): KeyRing {
  const keys = new Map<number, Buffer>();
  const entries = spec
    .split(/[,\s]+/)
    .map((e) => e.trim())
    .filter((e) => e !== "");
  if (entries.length === 0) throw new KeyRingError("missing_keys", "CREDENTIAL_KEYS is empty.");
  entries.forEach((entry, index) => {
    const where = `CREDENTIAL_KEYS entry ${index + 1}`;
    const match = /^v([1-9][0-9]{0,5}):([A-Za-z0-9+/_-]+={0,2})$/.exec(entry);
    if (!match?.[1] || !match[2]) {
      throw new KeyRingError("invalid_keys", `${where} must look like v<number>:<base64 of 32 bytes>.`);
    }
    const version = Number(match[1]);
    const key = Buffer.from(match[2].replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (key.length !== KEY_BYTES) {
      throw new KeyRingError(
        "invalid_keys",
        `${where} (v${version}) decodes to ${key.length} bytes; AES-256 needs exactly ${KEY_BYTES}. ` +
          `Generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
      );
    }
    if (keys.has(version))
      throw new KeyRingError("invalid_keys", `${where}: version v${version} appears twice.`);
    keys.set(version, key);
  });
  return makeRing(keys);
}

const DEV_KEY_FILE = "credential-key";

export type KeyRingSource = {
  credentialKeys: string | undefined;
  dataDir: string;
  nodeEnv: "development" | "test" | "production";
  warn?: (message: string) => void;
};

/**
 * CREDENTIAL_KEYS when set. Otherwise (not in production) a key generated once into
 * `<dataDir>/credential-key` with mode 0600, so a newcomer's PGlite set-up just works.
 */
export function loadKeyRing(source: KeyRingSource): KeyRing {
  if (source.credentialKeys) return parseCredentialKeys(source.credentialKeys);
  if (source.nodeEnv === "production") {
    throw new KeyRingError("missing_keys", "CREDENTIAL_KEYS must be set in production; refusing to start.");
  }
  const warn = source.warn ?? ((m: string) => console.warn(m));
  const file = join(source.dataDir, DEV_KEY_FILE);
  mkdirSync(source.dataDir, { recursive: true, mode: 0o700 });
  try {
    const spec = `v1:${randomBytes(KEY_BYTES).toString("base64")}\n`;
    // 'wx' fails if another process created it first; then we read theirs.
    writeFileSync(file, spec, { flag: "wx", mode: 0o600 });
    warn(
      `[credentials] CREDENTIAL_KEYS is not set: generated a development key in ${file}. Set CREDENTIAL_KEYS in production.`,
    );
  } catch (err) {
    if (!(err instanceof Error && "code" in err && err.code === "EEXIST")) throw err;
    warn(`[credentials] CREDENTIAL_KEYS is not set: using the development key in ${file}.`);
  }
  return parseCredentialKeys(readFileSync(file, "utf8"));
}

let cached: KeyRing | undefined;

/** The process's key ring, from the validated environment. */
export function getKeyRing(): KeyRing {
  if (cached) return cached;
  const e = env();
  cached = loadKeyRing({ credentialKeys: e.CREDENTIAL_KEYS, dataDir: e.DATA_DIR, nodeEnv: e.NODE_ENV });
  return cached;
}

/** Tests and the rotation script swap keys at run time. */
export function resetKeyRingCache(): void {
  cached = undefined;
}
