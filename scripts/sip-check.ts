/**
 * sip-check: the SIP test from a terminal, for telecom providers and support staff.
 *
 *   SIP_PASSWORD=… npm run --silent sip-check -- --domain pbx.example.com --username 1001
 *   printf %s "$PW" | npm run --silent sip-check -- --domain pbx.example.com:5080 --username 1001 --password-stdin --json
 *
 * The password comes only from SIP_PASSWORD or stdin, never from arguments (they show in `ps`
 * and shell history). Exit 0 when the account registers, 1 for any other verdict, 2 for usage errors.
 * Runs under `tsx --conditions=react-server` so lib/sip's `server-only` guard resolves to nothing.
 */
import { parseArgs } from "node:util";
import { AllowCidrsError, policyFromEnv } from "@/lib/net/policy";
import { runSipCheck, type SipCheckResult, type StepResult } from "@/lib/sip";
import { type Advice, adviceFor, type Locale, whoLabel } from "@/lib/verdicts/advice";
import { stepDetailText } from "@/lib/verdicts/step-texts";

const USAGE = `Usage: npm run --silent sip-check -- --domain HOST[:PORT] --username USER [options]

Options:
  --auth-username ID       authentication ID, when it differs from the username
  --transport T            auto (default), udp, tcp or tls
  --mode M                 query (default: proves the credentials, changes nothing) or register
  --outbound-proxy HOST    send the requests through this proxy
  --timeout-ms N           budget per step in milliseconds (default 8000)
  --lang L                 advice in en (default) or nl
  --json                   print one JSON object instead of the readable ladder
  --trace                  include the redacted SIP messages in the JSON
  --password-stdin         read the password from standard input
  -h, --help               show this help

The password is read from the environment variable SIP_PASSWORD, or from standard input with
--password-stdin; never from an argument. Exit status: 0 registered, 1 another verdict, 2 usage error.
`;

class UsageError extends Error {}

const MARK: Record<StepResult["status"], string> = { pass: "✓", fail: "✗", warn: "!", skip: "–" };

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of: ${allowed.join(", ")}`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  // One trailing newline is the terminal's, not the password's.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function parse(argv: string[]) {
  if (argv.some((a) => a === "--password" || a.startsWith("--password="))) {
    throw new UsageError("never pass the password as an argument: use SIP_PASSWORD or --password-stdin");
  }
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      domain: { type: "string" },
      username: { type: "string" },
      "auth-username": { type: "string" },
      transport: { type: "string" },
      mode: { type: "string" },
      "outbound-proxy": { type: "string" },
      "timeout-ms": { type: "string" },
      lang: { type: "string" },
      json: { type: "boolean", default: false },
      trace: { type: "boolean", default: false },
      "password-stdin": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  if (!values.domain) throw new UsageError("--domain is required");
  if (!values.username) throw new UsageError("--username is required");
  const timeout = values["timeout-ms"];
  if (timeout !== undefined && !/^[1-9]\d{0,5}$/.test(timeout)) {
    throw new UsageError("--timeout-ms must be a whole number of milliseconds (1–999999)");
  }
  return {
    domain: values.domain,
    username: values.username,
    authUsername: values["auth-username"],
    outboundProxy: values["outbound-proxy"],
    transport: oneOf(values.transport, ["auto", "udp", "tcp", "tls"] as const, "transport", "auto"),
    mode: oneOf(values.mode, ["query", "register"] as const, "mode", "query"),
    lang: oneOf<Locale>(values.lang, ["en", "nl"] as const, "lang", "en"),
    timeoutMs: timeout === undefined ? undefined : Number(timeout),
    json: values.json,
    trace: values.trace,
    passwordStdin: values["password-stdin"],
  };
}

function printStep(s: StepResult, lang: Locale): void {
  const ms = `${s.durationMs} ms`.padStart(8);
  const detail = stepDetailText(s.detail, lang);
  process.stdout.write(
    `  ${MARK[s.status]} ${s.name.padEnd(19)}${s.status === "skip" ? "        " : ms}  ${detail}\n`,
  );
}

function printHuman(r: SipCheckResult, lang: Locale): void {
  const v = adviceFor(r.verdict, lang, r.facts);
  const target = r.target
    ? ` via ${r.target.transport.toUpperCase()} ${r.target.address}:${r.target.port}`
    : "";
  const action = (a: Advice) => `  → ${a.action}${a.who !== "none" ? ` (${whoLabel(a.who, lang)})` : ""}\n`;
  process.stdout.write(`\n${r.ok ? "✓" : "✗"} ${r.verdict}: ${v.title}${target} (${r.durationMs} ms)\n`);
  process.stdout.write(`  ${v.explanation}\n${action(v)}`);
  for (const w of r.warnings) {
    const a = adviceFor(w, lang, r.facts);
    process.stdout.write(`\n! ${w}: ${a.title}\n  ${a.explanation}\n${action(a)}`);
  }
  if (r.pbxProduct) process.stdout.write(`\nPBX: ${r.pbxProduct}\n`);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    const message = e instanceof UsageError || e instanceof TypeError ? e.message : String(e);
    process.stderr.write(`sip-check: ${message}\n\n${USAGE}`);
    return 2;
  }
  if (args === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  const envPassword = process.env.SIP_PASSWORD;
  if (!args.passwordStdin && envPassword === undefined) {
    process.stderr.write("sip-check: set SIP_PASSWORD or use --password-stdin\n");
    return 2;
  }
  const password = args.passwordStdin ? await readStdin() : (envPassword ?? "");
  let policy: ReturnType<typeof policyFromEnv>;
  try {
    policy = policyFromEnv();
  } catch (e) {
    if (!(e instanceof AllowCidrsError)) throw e;
    process.stderr.write(`sip-check: SIP_CHECK_ALLOW_CIDRS: ${e.message}\n`);
    return 2;
  }
  if (!args.json)
    process.stdout.write(`SIP check of ${args.username}@${args.domain} (${args.transport}, ${args.mode})\n`);
  const result = await runSipCheck(
    {
      username: args.username,
      password,
      domain: args.domain,
      authUsername: args.authUsername,
      transport: args.transport,
      outboundProxy: args.outboundProxy,
      mode: args.mode,
    },
    { policy, timeoutMs: args.timeoutMs, onStep: args.json ? undefined : (s) => printStep(s, args.lang) },
  );
  if (args.json) {
    const { trace, ...rest } = result;
    const advice = {
      verdict: adviceFor(result.verdict, args.lang, result.facts),
      warnings: result.warnings.map((w) => adviceFor(w, args.lang, result.facts)),
    };
    // Each step's detail worded in --lang, next to its data (code + params) for scripts.
    const steps = result.steps.map((s) => ({
      ...s,
      detail: stepDetailText(s.detail, args.lang),
      data: s.detail,
    }));
    process.stdout.write(
      `${JSON.stringify({ ...rest, steps, advice, ...(args.trace ? { trace } : {}) }, null, 2)}\n`,
    );
  } else {
    printHuman(result, args.lang);
  }
  return result.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const input = e instanceof Error && "code" in e && e.code === "invalid_input";
    process.stderr.write(`sip-check: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = input ? 2 : 1;
  },
);
