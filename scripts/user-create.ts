// `npm run user:create -- --email E --password-stdin --role support|customer [--org NAME] [--name NAME]`
// Creates a user who can sign in. The password is read from standard input (never argv, where
// `ps` and shell history would show it), e.g.  printf '%s' "$PW" | npm run user:create -- ...
// Support staff without --org join the "Support staff" organization; customers need --org
// (an existing organization of that name, or a new one).
// Runs as `tsx --conditions=react-server` so `server-only` imports resolve outside Next.
// With PGlite, stop the app first: two processes on one PGlite directory lose data.
import { parseArgs } from "node:util";
import { openDb } from "@/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { passwordHasher } from "@/server/auth/server";
import { createUser } from "@/server/auth/users";

const USAGE =
  "Usage: npm run user:create -- --email E --password-stdin --role support|customer [--org NAME] [--name NAME]";

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password (then Enter and Ctrl-D): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  // One trailing newline is the terminator of `echo`/heredoc input, not part of the password.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  function parse() {
    return parseArgs({
      options: {
        email: { type: "string" },
        "password-stdin": { type: "boolean" },
        role: { type: "string" },
        org: { type: "string" },
        name: { type: "string" },
      },
      strict: true,
    });
  }
  try {
    values = parse().values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (
    !values.email ||
    !values["password-stdin"] ||
    (values.role !== "support" && values.role !== "customer")
  ) {
    console.error(USAGE);
    return 2;
  }
  const password = await readStdin();
  const e = env();
  const opened = await openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
  try {
    const u = await createUser(opened.db, await passwordHasher(opened.db), {
      email: values.email,
      password,
      role: values.role,
      org: values.org,
      name: values.name,
    });
    console.log(
      `Created ${u.role} ${u.email} in organization "${u.organizationName}"${u.organizationCreated ? " (new)" : ""}.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.userMessage === "Some fields need attention." ? err.message : err.userMessage);
      return 1;
    }
    if (err instanceof Error && err.name === "ZodError") {
      console.error(
        "Invalid input: the e-mail must be an address and the password 12 to 128 characters long.",
      );
      return 1;
    }
    throw err;
  } finally {
    await opened.close();
  }
}

process.exitCode = await main();
