/**
 * A private PostgreSQL server for one test file (initdb + pg_ctl from Debian's `postgresql`
 * package, on a free loopback port, data in a temporary directory), so a test can restart the
 * server for real without touching the shared one other test files use at the same time.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freeTcpPort } from "./free-port";

const run = promisify(execFile);

export type PostgresServer = {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth on loopback). */
  url: string;
  /** Stops the server (fast shutdown: every client connection is cut), waits, starts it again. */
  restart: (downMs?: number) => Promise<void>;
  stop: () => Promise<void>;
};

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const v = versions[0];
  if (!v)
    throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) are missing: apt-get install postgresql`);
  return join(root, v, "bin");
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "pc-pg-"));
  const data = join(dir, "data");
  const port = await freeTcpPort();
  // initdb and postgres refuse to run as root: as root, run them as the package's own user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args]) : run(join(bin, tool), args);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => pg("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-o", options, "start"]);
  const stopNow = (mode: "fast" | "immediate") => pg("pg_ctl", ["-D", data, "-w", "-m", mode, "stop"]);

  try {
    await pg("initdb", [
      "-D",
      data,
      "-A",
      "trust",
      "-U",
      "postgres",
      "--no-sync",
      "-E",
      "UTF8",
      "--no-instructions",
    ]);
    await start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async (downMs = 2000) => {
      await stopNow("fast");
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    stop: async () => {
      await stopNow("immediate").catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
