/**
 * Playwright global setup: refuses a non-local database, starts one real Kamailio on loopback
 * with the accounts the specs need, and writes its ports to e2e/.state/kamailio.json. The
 * returned function is the teardown. The web server does not depend on any of this.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { freeTcpPort } from "@/test/free-port";
import { startKamailio } from "./fixtures/kamailio";
import { type E2eState, STATE_DIR, STATE_FILE } from "./helpers/state";

const ACCOUNTS: E2eState["accounts"] = {
  good: { username: "1050", password: "e2e-pass-1050" },
  wrongPassword: { username: "2000", password: "e2e-pass-2000" },
};

function assertLocalDatabase(): void {
  if (process.env.E2E_DATABASE !== "postgres") return;
  const url = process.env.E2E_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE=postgres needs E2E_DATABASE_URL or TEST_DATABASE_URL");
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run browser tests against a non-local database (${host}).`);
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  assertLocalDatabase();
  const k = await startKamailio({ accounts: [ACCOUNTS.good, ACCOUNTS.wrongPassword] });
  const state: E2eState = {
    kamailio: { host: k.host, udpPort: k.udpPort, tcpPort: k.tcpPort, domain: k.domain },
    closedPort: await freeTcpPort(),
    accounts: ACCOUNTS,
  };
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  return async () => {
    await k.stop();
    rmSync(STATE_FILE, { force: true });
  };
}
