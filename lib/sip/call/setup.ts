/**
 * What both directions share: the transport to the PBX (through the address policy, inside
 * openTransport), the agent, the media address, status reporting and the final report.
 */
import "server-only";
import { checkAddress } from "@/lib/net";
import { CALL_PASSING, type CallFacts, type CallOutcome } from "@/lib/verdicts/call-codes";
import { openTransport } from "../transport";
import { USER_AGENT } from "../version";
import { CallAgent } from "./agent";
import type { DtmfDigit } from "./dtmf";
import type { MediaSession, RtpSummary } from "./media";
import { promptPcm, silence, tone } from "./prompt";
import { reasonText } from "./reason";
import { OUR_CODECS } from "./sdp";
import { CallTrace } from "./trace";
import type { CallReport, CallResult, CallSetup, CallStatus, CallStatusEvent } from "./types";

/** Called with every message the call sends, raw (lib/sip/index.ts: the Scrubber learns it). */
export type LearnSent = (text: string) => void;

export class CallRun {
  readonly trace: CallTrace;
  readonly statuses: CallStatusEvent[] = [];
  readonly t0 = performance.now();
  readonly facts: CallFacts;

  constructor(
    readonly o: CallSetup,
    learnSent?: LearnSent,
  ) {
    this.trace = new CallTrace(learnSent);
    this.facts = { account: o.username, ours: [...OUR_CODECS] };
  }

  status(status: CallStatus, detail: string): void {
    const e = { status, atMs: Math.round(performance.now() - this.t0), detail };
    if (this.statuses.length < 64) this.statuses.push(e);
    this.o.onStatus?.(e);
  }

  /** The address we put in Contact and SDP: the configured public one, else the socket's if allowed. */
  ownAddress(local: string): { ok: true; address: string } | { ok: false; detail: string } {
    if (this.o.publicAddress) return { ok: true, address: this.o.publicAddress };
    const check = checkAddress(local, this.o.policy);
    if (check.ok) return { ok: true, address: check.address };
    return {
      ok: false,
      detail: `this server's address ${local} is not reachable from the PBX and no public address is configured (SIP_PUBLIC_ADDRESSES)`,
    };
  }

  async openAgent(): Promise<{ ok: true; agent: CallAgent } | { ok: false; detail: string }> {
    const t = this.o.target;
    const opened = await openTransport({
      kind: t.transport,
      address: t.address,
      port: t.port,
      hostname: t.hostname,
      policy: this.o.policy,
      timeoutMs: 8000,
      tlsCa: this.o.tlsCa,
      signal: this.o.signal,
    });
    if (!opened.ok)
      return {
        ok: false,
        detail: `could not open ${t.transport} to ${t.address}:${t.port}: ${reasonText(opened.reason)}`,
      };
    const own = this.ownAddress(opened.transport.local.address);
    if (!own.ok) {
      opened.transport.close();
      return own;
    }
    const agent = new CallAgent(
      opened.transport,
      {
        username: this.o.username,
        domainHost: this.o.domainHost,
        userAgent: this.o.userAgent ?? USER_AGENT,
        contactHost: own.address,
        contactPort: opened.transport.local.port,
      },
      this.trace,
      { timers: this.o.timers },
    );
    return { ok: true, agent };
  }

  private pcm: Int16Array | null = null;

  prompt(): Int16Array {
    this.pcm ??=
      this.o.prompt === "tones"
        ? Int16Array.from([...tone([1000], 300), ...silence(200), ...tone([440, 880], 250)])
        : promptPcm(this.o.locale ?? "en");
    return this.pcm;
  }

  report(p: {
    call: Omit<CallResult, "rtp" | "dtmf"> & { outcome: CallOutcome };
    media: MediaSession | null;
    route?: CallReport["route"];
    offered?: string[];
  }): CallReport {
    const s: RtpSummary | null = p.media?.summary() ?? null;
    const dtmf: DtmfDigit[] = p.media?.dtmf ?? [];
    const call: CallResult = {
      ...p.call,
      rtp: {
        sent: s?.sent ?? 0,
        received: s?.received ?? 0,
        lossPct: s?.lossPct ?? 0,
        jitterMs: s?.jitterMs ?? 0,
        sdpAddress: s?.sdpAddress ?? null,
        sourceAddress: s?.sourceAddress ?? null,
      },
      dtmf: dtmf.map((d) => ({ digit: d.digit, via: d.via })),
    };
    if (s?.sdpAddress) this.facts.sdpAddress = s.sdpAddress;
    if (s?.sourceAddress) this.facts.sourceAddress = s.sourceAddress;
    if (p.offered?.length) this.facts.offered = p.offered;
    const transferOk = call.transfer === null || call.transfer.outcome === "transfer_ok";
    return {
      ok: CALL_PASSING.has(call.outcome) && transferOk,
      call,
      facts: this.facts,
      route: p.route ?? { requestUri: null, diversion: [], historyInfo: [] },
      echoRttMs: s?.echoRttMs ?? null,
      peerReceived: s?.peerReceived ?? null,
      sendJitterMs: s?.sendJitterMs ?? 0,
      sendMaxLateMs: s?.sendMaxLateMs ?? 0,
      offered: p.offered ?? [],
      trace: this.trace.entries,
      statuses: this.statuses,
      durationMs: Math.round(performance.now() - this.t0),
    };
  }
}

/** Audio verdict once a call was answered (docs/test-call.md "one-way audio"). */
export function audioOutcome(s: RtpSummary, echoExpected: boolean): CallOutcome {
  if (s.received === 0) return "no_audio_in";
  if (s.sent === 0 || s.peerReceived === 0 || (echoExpected && s.echoRttMs === null)) return "no_audio_out";
  const sdpHost = s.sdpAddress?.replace(/:\d+$/, "");
  const srcHost = s.sourceAddress?.replace(/:\d+$/, "");
  if (s.refusedTarget !== null || (sdpHost && srcHost && sdpHost !== srcHost)) return "nat_media";
  return "call_ok";
}
