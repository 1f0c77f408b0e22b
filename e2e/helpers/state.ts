import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Written by e2e/global-setup.ts: where the test PBX listens and which accounts it has. */
export type E2eState = {
  kamailio: { host: string; udpPort: number; tcpPort: number; domain: string };
  /** A loopback port nothing listens on (for the unreachable-host test). */
  closedPort: number;
  accounts: {
    good: { username: string; password: string };
    wrongPassword: { username: string; password: string };
  };
};

export const STATE_DIR = join(process.cwd(), "e2e", ".state");
export const STATE_FILE = join(STATE_DIR, "kamailio.json");

export function readState(): E2eState {
  try {
    return JSON.parse(readFileSync(STATE_FILE, "utf8")) as E2eState;
  } catch (err) {
    throw new Error(
      `e2e state ${STATE_FILE} is missing: run the specs through Playwright (globalSetup starts Kamailio). ${String(err)}`,
    );
  }
}
