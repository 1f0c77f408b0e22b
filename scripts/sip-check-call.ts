/**
 * The test call part of sip-check (`--call inbound|outbound`): the live status lines and the
 * `call` object of the JSON (its options: ./sip-check-call-args). It runs after a passing
 * registration test, against the address that test reached; sip-check.ts only wires it in and
 * imports this module only for --call (it brings the call configuration and zod: docs/cli.md).
 */
import type { AddressPolicy } from "@/lib/net";
import {
  type CallReport,
  type CallStatusEvent,
  callNotRun,
  runInboundCall,
  runOutboundCall,
  type SipCheckResult,
} from "@/lib/sip";
import type { Locale } from "@/lib/verdicts/advice";
import { whoLabel } from "@/lib/verdicts/advice";
import { callAdviceFor } from "@/lib/verdicts/call-codes";
import { bindFor, callConfig, publicAddressFor } from "@/server/calls/config";
import type { CallArgs } from "./sip-check-call-args";

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
    call: callNotRun(args.direction),
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
    const route = [
      r.route.requestUri ? `Request-URI ${r.route.requestUri}` : "",
      ...r.route.diversion.map((d) => `Diversion ${d}`),
      ...r.route.historyInfo.map((h) => `History-Info ${h}`),
    ].filter(Boolean);
    if (route.length) lines.push(`  route: ${route.join("; ")}`);
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
