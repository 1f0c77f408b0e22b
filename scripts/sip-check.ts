/**
 * sip-check: the SIP test from a terminal, for telecom providers and support staff.
 *
 *   SIP_PASSWORD=… node dist/sip-check.cjs --domain pbx.example.com --username 1001
 *   printf %s "$PW" | npm run --silent sip-check -- --domain pbx.example.com:5080 --username 1001 --password-stdin --json
 *
 * The password comes only from SIP_PASSWORD or stdin, never from arguments (they show in `ps`
 * and shell history). Exit 0 when the account registers, 1 for any other verdict, 2 for usage errors.
 * Providers run the bundle scripts/build-cli.mjs makes (plain `node`, no TypeScript at run time).
 */
import { parseArgs } from "node:util";
import { AllowCidrsError, policyFromEnv } from "@/lib/net/policy";
import { runSipCheck } from "@/lib/sip";
import { adviceFor, type Locale } from "@/lib/verdicts/advice";
import { stepDetailText } from "@/lib/verdicts/step-texts";
import { CALL_OPTIONS, CALL_USAGE, parseCallArgs } from "./sip-check-call-args";
import { ladderPrinter, printTrace, printVerdict, withoutPassword } from "./sip-check-print";

const USAGE = `Usage: sip-check --domain HOST[:PORT] --username USER [options]
       (node dist/sip-check.cjs …, or npm run --silent sip-check -- …)

Options:
  --auth-username ID       authentication ID, when it differs from the username
  --transport T            auto (default), udp, tcp or tls
  --mode M                 query (default: proves the credentials, changes nothing) or register
  --outbound-proxy HOST    send the requests through this proxy
  --timeout-ms N           budget per step in milliseconds (default 8000)
  --lang L                 advice in en (default) or nl
  --json                   print one JSON object instead of the readable ladder
  --trace                  also print the SIP messages (credentials redacted)
  --password-stdin         read the password from standard input
  -h, --help               show this help

The password is read from the environment variable SIP_PASSWORD, or from standard input with
--password-stdin; never from an argument. Exit status: 0 registered, 1 another verdict, 2 usage error.
${CALL_USAGE}With --call, exit 0 only when the test call passed.
`;

class UsageError extends Error {}

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
      ...CALL_OPTIONS,
    },
  });
  if (values.help) return null;
  if (!values.domain) throw new UsageError("--domain is required");
  if (!values.username) throw new UsageError("--username is required");
  const timeout = values["timeout-ms"];
  if (timeout !== undefined && !/^[1-9]\d{0,5}$/.test(timeout)) {
    throw new UsageError("--timeout-ms must be a whole number of milliseconds (1–999999)");
  }
  const call = parseCallArgs(values);
  if (call && "usage" in call) throw new UsageError(call.usage);
  return {
    call,
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

/** The test call, loaded only when asked for; its report scrubbed like the check's. */
async function runCall(...[args, check, input]: Parameters<typeof import("./sip-check-call").runCliCall>) {
  const { runCliCall } = await import("./sip-check-call");
  const onLine = input.onLine;
  const scrubbed = {
    ...input,
    onLine: onLine && ((l: string) => onLine(withoutPassword(l, input.password))),
  };
  return withoutPassword(await runCliCall(args, check, scrubbed), input.password);
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
  const write = (text: string) => {
    process.stdout.write(text);
  };
  const ladder = args.json ? null : ladderPrinter(write, args.lang, process.stdout.isTTY === true);
  if (!args.json) write(`SIP check of ${args.username}@${args.domain} (${args.transport}, ${args.mode})\n`);
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
    {
      policy,
      timeoutMs: args.timeoutMs,
      onStep: ladder ? (s) => ladder.onStep(withoutPassword(s, password)) : undefined,
      onStepStart: ladder?.onStepStart,
    },
  ).then((r) => withoutPassword(r, password));
  const callInput = {
    username: args.username,
    authUsername: args.authUsername,
    password,
    domain: args.domain,
    policy,
    lang: args.lang,
  };
  if (!ladder) {
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
    const call = args.call ? await runCall(args.call, result, callInput) : null;
    const callPart = call ? { call: call.call, ...(args.trace ? { callTrace: call.trace } : {}) } : {};
    write(
      `${JSON.stringify({ ...rest, steps, advice, ...(args.trace ? { trace } : {}), ...callPart }, null, 2)}\n`,
    );
    return call ? (call.ok ? 0 : 1) : result.ok ? 0 : 1;
  }
  ladder.finish(result.steps);
  printVerdict(write, result, args.lang);
  if (args.trace) printTrace(write, result.trace);
  if (!args.call) return result.ok ? 0 : 1;
  write(`\nTest call (${args.call.direction})\n`);
  const call = await runCall(args.call, result, { ...callInput, onLine: (line) => write(`${line}\n`) });
  const { callSummary } = await import("./sip-check-call");
  write(callSummary(call, args.lang));
  return call.ok ? 0 : 1;
}

// `sip-check … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(process.exitCode ?? 1);
});

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
