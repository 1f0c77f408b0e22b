// `npm run dev`: next dev, plus what its console leaves out. The first page compiles once, and a
// fresh database is created and migrated on the first request, which on a small machine takes
// up to a minute with only "Compiling / ..." on screen. This says so, starts that work at once
// (it requests the start page itself), and prints when the app is ready to open.
import { spawn } from "node:child_process";

const args = process.argv.slice(2);
const portArg = args.findIndex((a) => a === "-p" || a === "--port");
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.PORT ?? 3000));
const base = `http://localhost:${port}`;
const say = (line) => console.log(`\n[phone-connection] ${line}\n`);

const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", ...args], {
  stdio: "inherit",
  env: process.env,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

async function get(path) {
  try {
    const res = await fetch(`${base}${path}`, { redirect: "manual" });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

const started = Date.now();
say(
  "Starting. The first page is compiled once and, on a fresh checkout, the database is created " +
    "and migrated: this can take a minute. It is being prepared now; wait for the 'ready' line.",
);
while ((await get("/api/health")) === null) await new Promise((r) => setTimeout(r, 500));
const status = await get("/");
const seconds = Math.round((Date.now() - started) / 1000);
say(
  status !== null && status < 500
    ? `Ready after ${seconds} s: open ${base}`
    : `The start page answered ${status ?? "nothing"} after ${seconds} s; see the messages above.`,
);
