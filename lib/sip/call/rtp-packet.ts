/**
 * RTP (RFC 3550 5.1) and the RTCP we use (SR/RR report blocks, RFC 3550 6.4): parse into a value
 * or an error (never a throw), build ours. Datagrams above MAX_RTP_BYTES are refused unread.
 */

export const MAX_RTP_BYTES = 1500;

export type RtpPacket = {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
};
export type RtpParse = { ok: true; packet: RtpPacket } | { ok: false; code: "rtp_invalid"; detail: string };

const bad = (detail: string): RtpParse => ({ ok: false, code: "rtp_invalid", detail });

export function parseRtp(buf: Uint8Array): RtpParse {
  if (buf.length > MAX_RTP_BYTES) return bad("datagram larger than 1500 bytes");
  if (buf.length < 12) return bad("shorter than an RTP header");
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  const first = b[0] ?? 0;
  if (first >> 6 !== 2) return bad("not RTP version 2");
  const second = b[1] ?? 0;
  const payloadType = second & 0x7f;
  // RFC 5761 4: 72–76 (SR, RR, SDES, BYE, APP with the marker bit) are RTCP, not RTP.
  if (payloadType >= 72 && payloadType <= 76) return bad("an RTCP packet on the RTP port");
  let offset = 12 + (first & 0x0f) * 4;
  if (first & 0x10) {
    if (b.length < offset + 4) return bad("truncated header extension");
    offset += 4 + b.readUInt16BE(offset + 2) * 4;
  }
  let end = b.length;
  if (first & 0x20) {
    const pad = b[b.length - 1] ?? 0;
    if (pad === 0 || pad > b.length - offset) return bad("bad padding length");
    end -= pad;
  }
  if (offset > end) return bad("header longer than the packet");
  return {
    ok: true,
    packet: {
      payloadType,
      marker: (second & 0x80) !== 0,
      sequence: b.readUInt16BE(2),
      timestamp: b.readUInt32BE(4),
      ssrc: b.readUInt32BE(8),
      payload: b.subarray(offset, end),
    },
  };
}

export function buildRtp(p: Omit<RtpPacket, "payload"> & { payload: Uint8Array }): Buffer {
  const out = Buffer.alloc(12 + p.payload.length);
  out[0] = 0x80;
  out[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  out.writeUInt16BE(p.sequence & 0xffff, 2);
  out.writeUInt32BE(p.timestamp >>> 0, 4);
  out.writeUInt32BE(p.ssrc >>> 0, 8);
  out.set(p.payload, 12);
  return out;
}

export type ReportBlock = {
  ssrc: number;
  fractionLost: number;
  cumulativeLost: number;
  highestSeq: number;
  jitter: number;
};
export type RtcpReport = {
  type: "SR" | "RR";
  sender: number;
  packetsSent: number | null;
  blocks: ReportBlock[];
};
export type RtcpParse =
  | { ok: true; reports: RtcpReport[] }
  | { ok: false; code: "rtcp_invalid"; detail: string };

/** A compound RTCP packet (RFC 3550 6.1): the SR and RR parts; SDES, BYE and APP are skipped. */
export function parseRtcp(buf: Uint8Array): RtcpParse {
  if (buf.length > MAX_RTP_BYTES || buf.length < 8)
    return { ok: false, code: "rtcp_invalid", detail: "bad size" };
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  const reports: RtcpReport[] = [];
  let offset = 0;
  while (offset + 4 <= b.length) {
    const first = b[offset] ?? 0;
    if (first >> 6 !== 2) return { ok: false, code: "rtcp_invalid", detail: "not version 2" };
    const count = first & 0x1f;
    const type = b[offset + 1] ?? 0;
    const length = (b.readUInt16BE(offset + 2) + 1) * 4;
    if (offset + length > b.length) return { ok: false, code: "rtcp_invalid", detail: "truncated packet" };
    if ((type === 200 || type === 201) && length >= 8) {
      const sr = type === 200;
      const blocksAt = offset + 8 + (sr ? 20 : 0);
      if (blocksAt + count * 24 > offset + length)
        return { ok: false, code: "rtcp_invalid", detail: "report blocks overrun" };
      const blocks: ReportBlock[] = [];
      for (let i = 0; i < count; i++) {
        const at = blocksAt + i * 24;
        const lost = b.readUIntBE(at + 5, 3);
        blocks.push({
          ssrc: b.readUInt32BE(at),
          fractionLost: (b[at + 4] ?? 0) / 256,
          cumulativeLost: lost & 0x800000 ? lost - 0x1000000 : lost,
          highestSeq: b.readUInt32BE(at + 8),
          jitter: b.readUInt32BE(at + 12),
        });
      }
      reports.push({
        type: sr ? "SR" : "RR",
        sender: b.readUInt32BE(offset + 4),
        packetsSent: sr && length >= 28 ? b.readUInt32BE(offset + 20) : null,
        blocks,
      });
    }
    offset += length;
  }
  return { ok: true, reports };
}

export type SenderInfo = {
  ssrc: number;
  ntpMs: number;
  rtpTimestamp: number;
  packets: number;
  octets: number;
};

/** An SR (RFC 3550 6.4.1) with at most one report block about the peer's stream. */
export function buildSenderReport(s: SenderInfo, block: ReportBlock | null): Buffer {
  const out = Buffer.alloc(28 + (block ? 24 : 0));
  out[0] = 0x80 | (block ? 1 : 0);
  out[1] = 200;
  out.writeUInt16BE(out.length / 4 - 1, 2);
  out.writeUInt32BE(s.ssrc >>> 0, 4);
  // NTP timestamp: seconds since 1900 and a 32-bit fraction.
  const seconds = Math.floor(s.ntpMs / 1000) + 2_208_988_800;
  out.writeUInt32BE(seconds >>> 0, 8);
  out.writeUInt32BE(Math.floor(((s.ntpMs % 1000) / 1000) * 0x1_0000_0000) >>> 0, 12);
  out.writeUInt32BE(s.rtpTimestamp >>> 0, 16);
  out.writeUInt32BE(s.packets >>> 0, 20);
  out.writeUInt32BE(s.octets >>> 0, 24);
  if (block) {
    out.writeUInt32BE(block.ssrc >>> 0, 28);
    out[32] = Math.min(255, Math.floor(block.fractionLost * 256));
    out.writeUIntBE(Math.max(-0x800000, Math.min(0x7fffff, block.cumulativeLost)) & 0xffffff, 33, 3);
    out.writeUInt32BE(block.highestSeq >>> 0, 36);
    out.writeUInt32BE(Math.max(0, Math.round(block.jitter)) >>> 0, 40);
  }
  return out;
}
