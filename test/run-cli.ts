/**
 * The sip-check CLI as providers run it, for tests: built by scripts/build-cli.mjs (as
 * `npm install` builds it) and started with plain `node dist/sip-check.cjs`, or through
 * `npm run sip-check` (bin/sip-check.cjs).
 */
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

export type CliRun = { code: number | null; stdout: string; stderr: string };

let built: Promise<unknown> | null = null;

/** Builds dist/ once per test file (run it in beforeAll). */
export function buildCli(): Promise<unknown> {
  built ??= promisify(execFile)(process.execPath, ["scripts/build-cli.mjs"]);
  return built;
}

export function runCli(
  args: string[],
  o: {
    env?: Record<string, string>;
    stdin?: string;
    viaNpm?: boolean;
    /** Sees stdout as it grows (e.g. to act when a status line appears). */
    onOutput?: (stdout: string) => void;
  } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const [cmd, argv] = o.viaNpm
      ? ["npm", ["run", "--silent", "sip-check", "--", ...args]]
      : [process.execPath, ["dist/sip-check.cjs", ...args]];
    const child = spawn(cmd, argv, {
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        SIP_CHECK_ALLOW_CIDRS: "127.0.0.0/8",
        ...o.env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
      o.onOutput?.(stdout);
    });
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdin.end(o.stdin ?? "");
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
