/**
 * SDP (RFC 4566) for one audio stream, and the offer/answer rules we need (RFC 3264): parse a
 * peer's description into a value or an `sdp_invalid` error (never a throw), build ours, and
 * choose the codec. We speak PCMU and PCMA (RFC 3551) plus telephone-event (RFC 4733); G.722 is
 * left out on purpose: it needs a sub-band ADPCM codec for a test that G.711 proves as well.
 */
import { LIMITS } from "../limits";

export const SDP_LIMITS = {
  maxBytes: LIMITS.maxBodyBytes,
  maxLines: 128,
  maxMedia: 8,
  maxFormats: 32,
} as const;

export type Direction = "sendrecv" | "sendonly" | "recvonly" | "inactive";
export type RtpMap = { encoding: string; clock: number; channels: number };
export type SdpMedia = {
  media: string;
  port: number;
  proto: string;
  formats: number[];
  rtpmap: Map<number, RtpMap>;
  fmtp: Map<number, string>;
  ptime: number | null;
  direction: Direction;
  /** The media-level c= address, else the session-level one. */
  address: string | null;
  rtcpPort: number | null;
};
export type Sdp = { originAddress: string | null; address: string | null; media: SdpMedia[] };
export type SdpError = { ok: false; code: "sdp_invalid"; detail: string };
export type SdpResult = { ok: true; sdp: Sdp } | SdpError;

const bad = (detail: string): SdpError => ({ ok: false, code: "sdp_invalid", detail });
const DIRECTIONS = new Set<string>(["sendrecv", "sendonly", "recvonly", "inactive"]);
/** RFC 3551 table 4: static payload types we may see without an rtpmap. */
const STATIC: Record<number, RtpMap> = {
  0: { encoding: "PCMU", clock: 8000, channels: 1 },
  8: { encoding: "PCMA", clock: 8000, channels: 1 },
  9: { encoding: "G722", clock: 8000, channels: 1 },
  18: { encoding: "G729", clock: 8000, channels: 1 },
};
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$|^[A-Za-z0-9.-]{1,253}$/;

function int(text: string | undefined, max: number): number | null {
  if (text === undefined || !/^[0-9]{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

function connection(value: string): string | null {
  // RFC 4566 5.7: c=IN IP4 192.0.2.1 (multicast TTL suffixes are not for us).
  const [net, type, addr] = value.split(" ");
  if (net !== "IN" || (type !== "IP4" && type !== "IP6") || !addr) return null;
  const bare = addr.split("/")[0] ?? "";
  return ADDRESS.test(bare) ? bare : null;
}

export function parseSdp(text: string): SdpResult {
  if (typeof text !== "string") return bad("not text");
  if (Buffer.byteLength(text, "utf8") > SDP_LIMITS.maxBytes) return bad("SDP larger than 4 KiB");
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length > SDP_LIMITS.maxLines) return bad("more than 128 SDP lines");
  if (lines[0] !== "v=0") return bad("SDP does not start with v=0");
  const sdp: Sdp = { originAddress: null, address: null, media: [] };
  let current: SdpMedia | null = null;
  let sessionDirection: Direction = "sendrecv";
  for (const line of lines) {
    if (line.length < 2 || line[1] !== "=" || !/^[a-z]$/.test(line[0] ?? ""))
      return bad("malformed SDP line");
    if (/[\0\r]/.test(line)) return bad("control character in SDP");
    const type = line[0];
    const value = line.slice(2);
    if (type === "o") {
      const parts = value.split(" ");
      if (parts.length !== 6) return bad("malformed o= line");
      sdp.originAddress = connection(parts.slice(3).join(" "));
    } else if (type === "c") {
      const addr = connection(value);
      if (addr === null) return bad("malformed c= line");
      if (current) current.address = addr;
      else sdp.address = addr;
    } else if (type === "m") {
      if (sdp.media.length >= SDP_LIMITS.maxMedia) return bad("more than 8 media lines");
      const [media, portText, proto, ...fmts] = value.split(" ");
      const port = int(portText?.split("/")[0], 65535);
      if (!media || port === null || !proto) return bad("malformed m= line");
      if (fmts.length > SDP_LIMITS.maxFormats) return bad("more than 32 formats on one m= line");
      const formats: number[] = [];
      if (proto.startsWith("RTP/")) {
        for (const f of fmts) {
          const pt = int(f, 127);
          if (pt === null) return bad("payload type is not 0 to 127");
          formats.push(pt);
        }
      }
      current = {
        media,
        port,
        proto,
        formats,
        rtpmap: new Map(),
        fmtp: new Map(),
        ptime: null,
        direction: sessionDirection,
        address: null,
        rtcpPort: null,
      };
      sdp.media.push(current);
    } else if (type === "a") {
      const colon = value.indexOf(":");
      const name = colon < 0 ? value : value.slice(0, colon);
      const arg = colon < 0 ? "" : value.slice(colon + 1);
      if (DIRECTIONS.has(name)) {
        if (current) current.direction = name as Direction;
        else sessionDirection = name as Direction;
      } else if (current && name === "rtpmap") {
        const m = /^([0-9]{1,3}) ([A-Za-z0-9_.-]{1,32})\/([0-9]{1,6})(?:\/([0-9]{1,2}))?$/.exec(arg);
        const pt = int(m?.[1], 127);
        if (!m || pt === null) return bad("malformed a=rtpmap");
        current.rtpmap.set(pt, {
          encoding: (m[2] ?? "").toUpperCase(),
          clock: Number(m[3]),
          channels: Number(m[4] ?? 1),
        });
      } else if (current && name === "fmtp") {
        const m = /^([0-9]{1,3}) (.{0,200})$/.exec(arg);
        const pt = int(m?.[1], 127);
        if (m && pt !== null) current.fmtp.set(pt, m[2] ?? "");
      } else if (current && name === "ptime") {
        const p = int(arg.trim(), 1000);
        if (p !== null && p > 0) current.ptime = p;
      } else if (current && name === "rtcp") {
        current.rtcpPort = int(arg.split(" ")[0], 65535);
      }
    }
  }
  for (const m of sdp.media) m.address ??= sdp.address;
  return { ok: true, sdp };
}

export type AudioCodec = "PCMU" | "PCMA";
export const CODEC_PT: Record<AudioCodec, number> = { PCMU: 0, PCMA: 8 };
/** What we offer or accept, in our order of preference. */
export const OUR_CODECS: AudioCodec[] = ["PCMU", "PCMA"];
export const OUR_DTMF_PT = 101;

export function encodingOf(m: SdpMedia, pt: number): RtpMap | null {
  return m.rtpmap.get(pt) ?? (pt < 96 ? (STATIC[pt] ?? null) : null);
}

/** Human-readable format list of a media line, e.g. ["G729/8000", "telephone-event/8000"]. */
export function formatNames(m: SdpMedia): string[] {
  return m.formats.map((pt) => {
    const e = encodingOf(m, pt);
    return e ? `${e.encoding}/${e.clock}` : `pt ${pt}`;
  });
}

export type Negotiated = {
  ok: true;
  codec: AudioCodec;
  pt: number;
  dtmfPt: number | null;
  ptimeMs: number;
  remote: { address: string; port: number; rtcpPort: number };
  direction: Direction;
  offered: string[];
};
export type NegotiationError =
  | SdpError
  | { ok: false; code: "codec_mismatch"; detail: string; offered: string[] }
  | { ok: false; code: "no_audio_stream"; detail: string; offered: string[] };

/**
 * RFC 3264 6.1: answer with the first of the offerer's formats we support (the offerer's order
 * is its preference). Also used on an answer to our own offer, which lists only what we offered.
 */
export function negotiate(sdp: Sdp, preferred: AudioCodec[] = OUR_CODECS): Negotiated | NegotiationError {
  const audio = sdp.media.find((m) => m.media === "audio" && m.port > 0 && m.proto.startsWith("RTP/"));
  if (!audio)
    return {
      ok: false,
      code: "no_audio_stream",
      detail: "no active RTP audio stream in the SDP",
      offered: [],
    };
  const offered = formatNames(audio);
  let chosen: { codec: AudioCodec; pt: number } | null = null;
  for (const pt of audio.formats) {
    const e = encodingOf(audio, pt);
    const codec = e && e.clock === 8000 ? preferred.find((c) => c === e.encoding) : undefined;
    if (codec) {
      chosen = { codec, pt };
      break;
    }
  }
  if (!chosen)
    return {
      ok: false,
      code: "codec_mismatch",
      detail: `none of ${offered.join(", ")} is PCMU or PCMA`,
      offered,
    };
  const dtmfPt =
    audio.formats.find((pt) => {
      const e = encodingOf(audio, pt);
      return e?.encoding === "TELEPHONE-EVENT" && e.clock === 8000;
    }) ?? null;
  const address = audio.address;
  if (!address) return { ok: false, code: "sdp_invalid", detail: "no c= address for the audio stream" };
  return {
    ok: true,
    codec: chosen.codec,
    pt: chosen.pt,
    dtmfPt,
    ptimeMs: audio.ptime !== null && audio.ptime >= 10 && audio.ptime <= 60 ? audio.ptime : 20,
    remote: { address, port: audio.port, rtcpPort: audio.rtcpPort ?? audio.port + 1 },
    direction: audio.direction,
    offered,
  };
}

export type BuildSdpInput = {
  sessionId: string;
  version: number;
  address: string;
  port: number;
  /** Formats in order; for an answer, exactly the one chosen codec. */
  codecs: Array<{ codec: AudioCodec; pt: number }>;
  dtmfPt: number | null;
  ptimeMs: number;
};

export function buildSdp(s: BuildSdpInput): string {
  const ip = s.address.includes(":") ? "IP6" : "IP4";
  const pts = [...s.codecs.map((c) => c.pt), ...(s.dtmfPt === null ? [] : [s.dtmfPt])];
  const lines = [
    "v=0",
    `o=PhoneConnection ${s.sessionId} ${s.version} IN ${ip} ${s.address}`,
    "s=Phone Connection test call",
    `c=IN ${ip} ${s.address}`,
    "t=0 0",
    `m=audio ${s.port} RTP/AVP ${pts.join(" ")}`,
    ...s.codecs.map((c) => `a=rtpmap:${c.pt} ${c.codec}/8000`),
    ...(s.dtmfPt === null ? [] : [`a=rtpmap:${s.dtmfPt} telephone-event/8000`, `a=fmtp:${s.dtmfPt} 0-16`]),
    `a=ptime:${s.ptimeMs}`,
    "a=sendrecv",
  ];
  return `${lines.join("\r\n")}\r\n`;
}
