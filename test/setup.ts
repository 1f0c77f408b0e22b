/**
 * Runs before every test file (vitest.config.ts `setupFiles`). The services encrypt with the key
 * ring from CREDENTIAL_KEYS: one fixed test key, unless the environment gives one. Tests that
 * rotate keys build their own rings.
 */
export const TEST_CREDENTIAL_KEYS = `v1:${Buffer.alloc(32, 7).toString("base64")}`;

process.env.CREDENTIAL_KEYS ??= TEST_CREDENTIAL_KEYS;
