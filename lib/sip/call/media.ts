/**
 * One RTP/RTCP media stream over node:dgram (RFC 3550): an even port and the next odd one from
 * the configured range, a paced sender (drift-free schedule at ptime), a receiver with loss and
 * jitter statistics, DTMF detection, and echo matching for round-trip time. We send only to an
 * address the address policy allows; when the SDP names one it refuses (a private address behind
 * NAT), we answer the address the peer's RTP comes from instead (symmetric RTP, RFC 4961).
 */
import "server-only";
import { randomInt } from "node:crypto";
import dgram from "node:dgram";
import { isIP } from "node:net";
import { type AddressPolicy, AddressPolicyError, assertConnectAllowed } from "@/lib/net/policy";
import { type DtmfDigit, EventDetector, InbandDetector } from "./dtmf";
import { decodeG711 } from "./g711";
import { frames, silentFrame } from "./prompt";
import { buildRtp, buildSenderReport, parseRtcp, parseRtp } from "./rtp-packet";
import { ReceiveStats } from "./rtp-stats";
import type { Negotiated } from "./sdp";

export type PortRange = { min: number; max: number };
export type MediaConfig = { bindAddress: string; portRange: PortRange; policy: AddressPolicy };
export type RtpSummary = {
  sent: number;
  received: number;
  lossPct: number;
  jitterMs: number;
  sdpAddress: string | null;
  sourceAddress: string | null;
  /** Packets the peer says it received from us (its RTCP report), when it sent one. */
  peerReceived: number | null;
  echoRttMs: number | null;
  /** Our own pacing: mean and worst deviation of send times from the 20 ms grid. */
  sendJitterMs: number;
  sendMaxLateMs: number;
  refusedTarget: string | null;
};

const MAX_SAMPLES = 10_000;

function bind(socket: dgram.Socket, port: number, address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const onError = () => resolve(false);
    socket.once("error", onError);
    socket.bind({ port, address, exclusive: true }, () => {
      socket.off("error", onError);
      resolve(true);
    });
  });
}

function policyRefusal(address: string, port: number, policy: AddressPolicy): string | null {
  try {
    assertConnectAllowed(address, port, policy);
    return null;
  } catch (e) {
    if (e instanceof AddressPolicyError) return e.detail;
    throw e;
  }
}

const endpoint = (a: string, p: number) => (a.includes(":") ? `[${a}]:${p}` : `${a}:${p}`);

export class MediaSession {
  private neg: Negotiated | null = null;
  private target: { address: string; port: number } | null = null;
  /** One statistics record per SSRC (RFC 3550 8: each source numbers its own packets). */
  private readonly streams = new Map<number, ReceiveStats>();
  private overflow = 0;
  private readonly events = new EventDetector();
  private readonly inband = new InbandDetector();
  private readonly ssrc = randomInt(1, 2 ** 32 - 1);
  private readonly seq0 = randomInt(0, 65535);
  private seq = this.seq0;
  private ts = randomInt(0, 2 ** 31);
  private sent = 0;
  private octets = 0;
  private timer: NodeJS.Timeout | null = null;
  private rtcpTimer: NodeJS.Timeout | null = null;
  private source: string | null = null;
  private peerReceived: number | null = null;
  private readonly echo = new Map<string, number>();
  private echoRtt: number[] = [];
  private lateness: number[] = [];
  private refused: string | null = null;
  private closed = false;
  readonly dtmf: DtmfDigit[] = [];
  onDtmf: ((d: DtmfDigit) => void) | null = null;
  onFirstPacket: (() => void) | null = null;

  private constructor(
    private readonly rtp: dgram.Socket,
    private readonly rtcp: dgram.Socket,
    readonly port: number,
    private readonly policy: AddressPolicy,
  ) {
    rtp.on("message", (buf, rinfo) => this.onRtp(buf, rinfo));
    rtcp.on("message", (buf) => this.onRtcp(buf));
    rtp.on("error", () => {});
    rtcp.on("error", () => {});
  }

  /** Binds RTP on an even port of the range and RTCP on the next (RFC 3550 11). */
  static async open(
    cfg: MediaConfig,
  ): Promise<{ ok: true; media: MediaSession } | { ok: false; detail: string }> {
    const type = isIP(cfg.bindAddress) === 6 ? "udp6" : "udp4";
    const { min, max } = cfg.portRange;
    const evens = Math.floor((max - 1 - min) / 2) + 1;
    if (evens < 1) return { ok: false, detail: `RTP port range ${min}-${max} has no even/odd pair` };
    const first = randomInt(0, evens);
    for (let i = 0; i < Math.min(evens, 64); i++) {
      const port = min + (min % 2) + ((first + i) % evens) * 2;
      if (port + 1 > max) continue;
      const rtp = dgram.createSocket({ type });
      const rtcp = dgram.createSocket({ type });
      if ((await bind(rtp, port, cfg.bindAddress)) && (await bind(rtcp, port + 1, cfg.bindAddress))) {
        return { ok: true, media: new MediaSession(rtp, rtcp, port, cfg.policy) };
      }
      rtp.close();
      rtcp.close();
    }
    return { ok: false, detail: `no free RTP port pair in ${min}-${max} on ${cfg.bindAddress}` };
  }

  /** Starts sending `pcm` (then silence) to the negotiated address, and decoding what arrives. */
  start(neg: Negotiated, pcm: Int16Array): void {
    this.neg = neg;
    const refusal = policyRefusal(neg.remote.address, neg.remote.port, this.policy);
    if (refusal === null) this.target = { ...neg.remote };
    else this.refused = refusal;
    const prompt = frames(pcm, neg.codec, neg.ptimeMs);
    const quiet = silentFrame(neg.codec, neg.ptimeMs);
    const samplesPerFrame = (8000 * neg.ptimeMs) / 1000;
    const t0 = performance.now();
    let n = 0;
    const tick = () => {
      if (this.closed) return;
      const late = performance.now() - (t0 + n * neg.ptimeMs);
      if (this.lateness.length < MAX_SAMPLES) this.lateness.push(late);
      const payload = prompt[n] ?? quiet;
      this.send(payload, n === 0);
      this.ts = (this.ts + samplesPerFrame) >>> 0;
      n++;
      this.timer = setTimeout(tick, Math.max(0, t0 + n * neg.ptimeMs - performance.now()));
    };
    tick();
    this.rtcpTimer = setInterval(() => this.sendReport(), 5000);
  }

  private send(payload: Buffer, marker: boolean): void {
    const neg = this.neg;
    if (!neg || !this.target) return;
    const packet = buildRtp({
      payloadType: neg.pt,
      marker,
      sequence: this.seq,
      timestamp: this.ts,
      ssrc: this.ssrc,
      payload,
    });
    this.seq = (this.seq + 1) & 0xffff;
    this.sent++;
    this.octets += payload.length;
    if (this.echo.size < 512) this.echo.set(payload.toString("base64"), performance.now());
    this.rtp.send(packet, this.target.port, this.target.address);
  }

  private sendReport(): void {
    if (!this.neg || !this.target || this.closed) return;
    const main = this.main();
    const mainSsrc = [...this.streams].find(([, x]) => x === main)?.[0] ?? 0;
    const block =
      main && main.received > 0
        ? {
            ssrc: mainSsrc,
            fractionLost: main.fractionSinceLastReport(),
            cumulativeLost: main.lost,
            highestSeq: main.extendedMax,
            jitter: main.jitter,
          }
        : null;
    const sr = buildSenderReport(
      { ssrc: this.ssrc, ntpMs: Date.now(), rtpTimestamp: this.ts, packets: this.sent, octets: this.octets },
      block,
    );
    const port = this.target.port === this.neg.remote.port ? this.neg.remote.rtcpPort : this.target.port + 1;
    this.rtcp.send(sr, port, this.target.address);
  }

  private onRtp(buf: Buffer, rinfo: dgram.RemoteInfo): void {
    const neg = this.neg;
    if (!neg || this.closed) return;
    const parsed = parseRtp(buf);
    if (!parsed.ok) return;
    const p = parsed.packet;
    const now = performance.now();
    if (this.source === null) {
      this.source = endpoint(rinfo.address, rinfo.port);
      // Symmetric RTP: if the SDP address was refused, answer where the media really comes from.
      if (!this.target && policyRefusal(rinfo.address, rinfo.port, this.policy) === null) {
        this.target = { address: rinfo.address, port: rinfo.port };
      }
      this.onFirstPacket?.();
    }
    this.streamFor(p.ssrc)?.update(p.sequence, p.timestamp, now);
    if (p.ssrc === this.ssrc) {
      // Our own packet came back: an echo service.
      const sentAt = this.echo.get(p.payload.toString("base64"));
      if (sentAt !== undefined && this.echoRtt.length < MAX_SAMPLES) this.echoRtt.push(now - sentAt);
      return;
    }
    if (p.payloadType === neg.pt) {
      const sentAt = this.echo.get(p.payload.toString("base64"));
      if (sentAt !== undefined && this.echoRtt.length < MAX_SAMPLES) this.echoRtt.push(now - sentAt);
      const d = this.inband.push(decodeG711(neg.codec, p.payload), now);
      if (d) this.digit(d);
    } else if (neg.dtmfPt !== null && p.payloadType === neg.dtmfPt) {
      const d = this.events.push(p.payload, p.timestamp, now);
      if (d) this.digit(d);
    }
  }

  private streamFor(ssrc: number): ReceiveStats | null {
    let s = this.streams.get(ssrc);
    if (!s) {
      if (this.streams.size >= 8) {
        this.overflow++;
        return null;
      }
      s = new ReceiveStats();
      this.streams.set(ssrc, s);
    }
    return s;
  }

  /** The peer's main stream: the foreign source with the most packets (our echo as a fallback). */
  private main(): ReceiveStats | null {
    let best: ReceiveStats | null = null;
    for (const [ssrc, s] of this.streams) {
      if (ssrc === this.ssrc && this.streams.size > 1) continue;
      if (!best || s.received > best.received) best = s;
    }
    return best;
  }

  private digit(d: DtmfDigit): void {
    if (this.dtmf.length >= 32) return;
    this.dtmf.push(d);
    this.onDtmf?.(d);
  }

  private onRtcp(buf: Buffer): void {
    const parsed = parseRtcp(buf);
    if (!parsed.ok) return;
    for (const r of parsed.reports) {
      const mine = r.blocks.find((b) => b.ssrc === this.ssrc);
      if (!mine) continue;
      // Extended highest sequence the peer saw, relative to our first (RFC 3550 6.4.1).
      let span = mine.highestSeq - this.seq0 + 1;
      if (span <= 0) span += 65536;
      this.peerReceived = Math.max(0, span - mine.cumulativeLost);
    }
  }

  summary(): RtpSummary {
    const neg = this.neg;
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length : 0);
    const round = (x: number) => Math.round(x * 100) / 100;
    const sorted = [...this.echoRtt].sort((a, b) => a - b);
    return {
      sent: this.sent,
      received: [...this.streams.values()].reduce((n, x) => n + x.received, this.overflow),
      lossPct: this.main()?.lossPct ?? 0,
      jitterMs: this.main()?.jitterMs ?? 0,
      sdpAddress: neg ? endpoint(neg.remote.address, neg.remote.port) : null,
      sourceAddress: this.source,
      peerReceived: this.peerReceived,
      echoRttMs: sorted.length ? round(sorted[Math.floor(sorted.length / 2)] ?? 0) : null,
      sendJitterMs: round(mean(this.lateness)),
      sendMaxLateMs: round(this.lateness.reduce((a, b) => Math.max(a, b), 0)),
      refusedTarget: this.refused,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.rtcpTimer) clearInterval(this.rtcpTimer);
    this.rtp.close();
    this.rtcp.close();
  }
}
