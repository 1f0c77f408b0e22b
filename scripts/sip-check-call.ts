/**
 * The test call part of sip-check (`--call inbound|outbound`): its options, the live status
 * lines, and the `call` object of the JSON. It runs after a passing registration test, against
 * the address that test reached; sip-check.ts only wires it in.
 */
import type { AddressPolicy } from "@/lib/net/policy";
import {
  type CallReport,
  type CallStatusEvent,
  runInboundCall,
  runOutboundCall,
  type SipCheckResult,
} from "@/lib/sip";
import type { Locale } from "@/lib/verdicts/advice";
import { whoLabel } from "@/lib/verdicts/advice";
import { callAdviceFor } from "@/lib/verdicts/call-codes";
import { bindFor, callConfig, publicAddressFor } from "@/server/calls/config";

export const CALL_USAGE = `
Test call (after a passing registration test):
  --call inbound           register for the duration and wait for your call (then --wait-s N,
                           default TEST_CALL_WAIT_S or 120); --transfer-to EXT transfers it
  --call outbound          call --dial NUMBER through the PBX (e.g. its echo test)
`;

export const CALL_OPTIONS = {
  call: { type: "string" },
  "wait-s": { type: "string" },
  "transfer-to": { type: "string" },
  dial: { type: "string" },
} as const;

export type CallArgs =
  | { direction: "inbound"; waitS: number | null; transferTo: string | null }
  | { direction: "outbound"; dial: string };

const NUMBER = /^[A-Za-z0-9+*#._-]{1,64}$/;

/** Returns the call arguments, null without --call, or a usage message. */
export function parseCallArgs(
  v: Record<string, string | boolean | undefined>,
): CallArgs | null | { usage: string } {
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const call = str("call");
  if (call === undefined) {
    const stray = ["wait-s", "transfer-to", "dial"].find((k) => str(k) !== undefined);
    return stray ? { usage: `--${stray} needs --call` } : null;
  }
  if (call === "outbound") {
    const dial = str("dial");
    if (!dial || !NUMBER.test(dial))
      return { usage: "--call outbound needs --dial NUMBER (digits, letters, + * # . _ -)" };
    if (str("wait-s") || str("transfer-to"))
      return { usage: "--wait-s and --transfer-to are for --call inbound" };
    return { direction: "outbound", dial };
  }
  if (call !== "inbound") return { usage: "--call must be inbound or outbound" };
  if (str("dial")) return { usage: "--dial is for --call outbound" };
  const wait = str("wait-s");
  if (wait !== undefined && (!/^\d{1,3}$/.test(wait) || Number(wait) < 5 || Number(wait) > 600)) {
    return { usage: "--wait-s must be 5 to 600 seconds" };
  }
  const transferTo = str("transfer-to");
  if (transferTo !== undefined && !NUMBER.test(transferTo))
    return { usage: "--transfer-to must be an extension (digits, letters, + * # . _ -)" };
  return {
    direction: "inbound",
    waitS: wait === undefined ? null : Number(wait),
    transferTo: transferTo ?? null,
  };
}

export type CallCliInput = {
  username: string;
  authUsername?: string;
  password: string;
  domain: string;
  policy: AddressPolicy;
  lang: Locale;
  /** Text mode: status lines as they happen. */
  onLine?: (line: string) => void;
};

const STATUS_MARK: Record<CallStatusEvent["status"], string> = {
  registering: "…",
  waiting: "…",
  calling: "…",
  ringing: "☎",
  answered: "✓",
  hearing_you: "♪",
  transferring: "→",
  done: "■",
};

/** Runs the test call the arguments ask for, after the registration test `check`. */
export async function runCliCall(
  args: CallArgs,
  check: SipCheckResult,
  input: CallCliInput,
): Promise<CallReport> {
  const cfg = callConfig();
  function base(address: string, port: number, transport: "udp" | "tcp" | "tls") {
    return {
      target: { address, port, transport, hostname: check.target?.host ?? address },
      username: input.username,
      authUsername: input.authUsername,
      password: input.password,
      domainHost: check.facts.domain ?? input.domain,
      policy: input.policy,
      publicAddress: publicAddressFor(address, cfg),
      media: { bindAddress: bindFor(address, cfg), portRange: cfg.portRange },
      bindingsBefore: check.facts.bindings ?? (check.warnings.includes("existing_binding") ? 1 : 0),
      locale: input.lang,
      onStatus: (e: CallStatusEvent) =>
        input.onLine?.(`  ${STATUS_MARK[e.status]} ${e.status.padEnd(12)} ${e.detail}`),
    };
  }
  const t = check.target;
  if (!check.ok || !t) {
    return notRunReport(args, `the registration test did not pass (${check.verdict})`);
  }
  const setup = base(t.address, t.port, t.transport);
  return args.direction === "inbound"
    ? runInboundCall({ ...setup, waitS: args.waitS ?? cfg.waitS, transferTo: args.transferTo ?? undefined })
    : runOutboundCall({ ...setup, dial: args.dial });
}

function notRunReport(args: CallArgs, detail: string): CallReport {
  return {
    ok: false,
    call: {
      direction: args.direction,
      outcome: "call_not_run",
      answered: false,
      setupMs: null,
      from: null,
      to: null,
      codec: null,
      ptimeMs: null,
      rtp: { sent: 0, received: 0, lossPct: 0, jitterMs: 0, sdpAddress: null, sourceAddress: null },
      dtmf: [],
      transfer: null,
    },
    facts: { detail },
    route: { requestUri: null, diversion: [], historyInfo: [] },
    echoRttMs: null,
    peerReceived: null,
    sendJitterMs: 0,
    sendMaxLateMs: 0,
    offered: [],
    trace: [],
    statuses: [],
    durationMs: 0,
  };
}

/** The readable summary after the call. */
export function callSummary(r: CallReport, lang: Locale): string {
  const a = callAdviceFor(r.call.outcome, lang, r.facts);
  const c = r.call;
  const lines = [`\n${r.ok ? "✓" : "✗"} ${c.outcome}: ${a.title}`, `  ${a.explanation}`];
  lines.push(`  → ${a.action}${a.who !== "none" ? ` (${whoLabel(a.who, lang)})` : ""}`);
  if (c.answered) {
    lines.push(
      `  ${c.direction === "inbound" ? `from ${c.from ?? "?"} to ${c.to ?? "?"}` : `to ${c.to ?? "?"}`}; setup ${c.setupMs} ms; ${c.codec} at ${c.ptimeMs} ms`,
      `  RTP sent ${c.rtp.sent}, received ${c.rtp.received}, loss ${c.rtp.lossPct}%, jitter ${c.rtp.jitterMs} ms; SDP ${c.rtp.sdpAddress ?? "–"}, source ${c.rtp.sourceAddress ?? "–"}`,
    );
    if (r.echoRttMs !== null) lines.push(`  echo round trip ${r.echoRttMs} ms`);
    lines.push(`  keys: ${c.dtmf.length ? c.dtmf.map((d) => `${d.digit} (${d.via})`).join(", ") : "none"}`);
  }
  if (c.transfer) {
    const t = callAdviceFor(c.transfer.outcome, lang, r.facts);
    lines.push(
      `\n${c.transfer.outcome === "transfer_ok" ? "✓" : "✗"} ${c.transfer.outcome}: ${t.title}`,
      `  ${t.explanation}`,
    );
    if (c.transfer.outcome !== "transfer_ok") lines.push(`  → ${t.action} (${whoLabel(t.who, lang)})`);
  }
  return `${lines.join("\n")}\n`;
}
