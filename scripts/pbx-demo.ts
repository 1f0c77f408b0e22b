/**
 * `npm run pbx:demo`: the test suite's Kamailio on loopback with a demo SIP account, so the whole
 * wizard can be tried without a phone system. Prints exactly what to type. Ctrl-C stops it.
 */
import { randomBytes } from "node:crypto";
import { startKamailio } from "../e2e/fixtures/kamailio";

const username = "1050";
// Letters and digits only: the fixture writes it into kamailio.cfg.
const password = `demo${randomBytes(6).toString("hex")}`;

async function main(): Promise<void> {
  const k = await startKamailio({ accounts: [{ username, password }] });
  const domain = `${k.domain}:${k.udpPort}`;
  const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
  console.log(`
A demo phone system (Kamailio) is running on loopback, UDP and TCP port ${k.udpPort}.

1. Start the app so its SIP test may reach loopback (only for this demo; production allows
   public addresses only):

     ${bold("SIP_CHECK_ALLOW_CIDRS=127.0.0.0/8 npm run dev")}

2. Open http://localhost:3000/connections/new, continue to the SIP account and type:

     SIP Username   ${bold(username)}
     SIP Password   ${bold(password)}
     SIP Domain     ${bold(domain)}      (the port moves into Advanced → Port)

3. Save and test, then activate.

A wrong password shows the wrong-credentials advice; note that after 2 failed logins in
10 minutes the tester pauses logins to this address for 30 minutes (lockout safety).

Press Ctrl-C to stop the demo phone system.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await k.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // Keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
