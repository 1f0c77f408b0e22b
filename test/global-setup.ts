/**
 * Runs once before the vitest run (vitest.config.ts `globalSetup`). The integration tests drive
 * real SIP servers on loopback; without them they would fail one by one, midway. So the run
 * stops here, at once, naming what to install and which command installs it. Never a skip.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export type Tool = { what: string; found: () => boolean; pkg: string };

const onPath = (bin: string) => () => {
  try {
    execFileSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

const TOOLS: Tool[] = [
  { what: "Kamailio (/usr/sbin/kamailio)", found: () => existsSync("/usr/sbin/kamailio"), pkg: "kamailio" },
  {
    what: "Kamailio's TLS module",
    found: () =>
      ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"].some((d) =>
        existsSync(`${d}/kamailio/modules/tls.so`),
      ),
    pkg: "kamailio-tls-modules",
  },
  { what: "SIPp (sipp)", found: onPath("sipp"), pkg: "sip-tester" },
  { what: "sipsak", found: onPath("sipsak"), pkg: "sipsak" },
  { what: "openssl", found: onPath("openssl"), pkg: "openssl" },
];

/** What is missing, said once: what, the apt line, and the commands that run the tests. */
export function missingToolsMessage(tools: Tool[]): string | null {
  const missing = tools.filter((t) => !t.found());
  if (missing.length === 0) return null;
  const pkgs = [...new Set(missing.map((t) => t.pkg))].join(" ");
  return [
    `The integration tests need ${missing.map((t) => t.what).join(", ")}, which this machine lacks.`,
    `Install them:  sudo apt-get update && sudo apt-get install -y ${pkgs}`,
    "Then `npm test` runs the unit and integration tests; `bash scripts/test-all.sh` runs",
    "everything (it installs these itself when run as root on Debian/Ubuntu).",
  ].join("\n");
}

export default function checkTools(): void {
  const message = missingToolsMessage(TOOLS);
  if (message) throw new Error(message);
}
