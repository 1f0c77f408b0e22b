/**
 * The one typed wrapper around jssip's SIP grammar and message parser; no other file imports
 * jssip. Any string in → a typed message or a `protocol_error` value; never a throw.
 */
import "server-only";
// Default import: Grammar is a generated CommonJS object whose named exports Node cannot detect.
import Grammar from "jssip/lib/Grammar";
import type { NameAddrHeader } from "jssip/lib/NameAddrHeader";
import { parseMessage } from "jssip/lib/Parser";
import type { IncomingRequest, IncomingResponse } from "jssip/lib/SIPMessage";
import { LIMITS } from "../limits";
import { type HeaderField, type ProtocolError, protocolError, scanHeaderSection } from "./headers";
import type { ChallengeInfo, ContactInfo, SipMessage, ViaInfo } from "./types";

export type ParseResult = { ok: true; message: SipMessage } | ProtocolError;

type JsSipVia = {
  transport?: string;
  host?: string;
  port?: number;
  branch?: string;
  rport?: unknown;
  received?: string;
};
type JsSipCSeq = { value?: number; method?: string };
type JsSipChallenge = {
  realm?: string;
  nonce?: string;
  opaque?: string;
  algorithm?: string;
  qop?: string[];
  stale?: boolean;
};

function challengeHeader(name: string): ChallengeInfo["header"] | null {
  const n = name.toLowerCase();
  if (n === "www-authenticate") return "WWW-Authenticate";
  return n === "proxy-authenticate" ? "Proxy-Authenticate" : null;
}

export function parseSipMessage(text: string): ParseResult {
  try {
    return parseUnsafe(text);
  } catch (e) {
    // jssip dereferences some failed sub-parses (e.g. a malformed CSeq); that is a bad message, not our crash.
    return protocolError(`unparseable message (${e instanceof Error ? e.name : "error"})`);
  }
}

function parseUnsafe(text: string): ParseResult {
  if (Buffer.byteLength(text, "utf8") > LIMITS.maxMessageBytes)
    return protocolError("message larger than 8 KiB");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return protocolError("no blank line after the headers");
  const scan = scanHeaderSection(text.slice(0, end));
  if (!scan.ok) return scan;
  const body =
    scan.contentLength === null ? text.slice(end + 4) : text.slice(end + 4, end + 4 + scan.contentLength);

  // Challenges are parsed one by one below: jssip keeps only the last of several (RFC 8760 servers
  // offer one per algorithm) and rejects the whole message for a non-Digest scheme.
  const challenges: ChallengeInfo[] = [];
  const rest: HeaderField[] = [];
  for (const h of scan.headers) {
    const canonical = challengeHeader(h.name);
    if (canonical) challenges.push(parseChallenge(canonical, h.value));
    else rest.push(h);
  }
  const rebuilt = `${scan.startLine}\r\n${rest.map((h) => `${h.name}: ${h.value}\r\n`).join("")}\r\n${body}`;
  const parsed = parseMessage(rebuilt);
  if (!parsed) return protocolError("not a SIP message");

  const via = viaOf(parsed);
  if (!via) return protocolError("missing or malformed Via");
  const cseq = parsed.parseHeader<JsSipCSeq | undefined>("cseq");
  if (!cseq || typeof cseq.value !== "number" || !cseq.method)
    return protocolError("missing or malformed CSeq");
  const callId = parsed.getHeader("call-id");
  if (!callId) return protocolError("missing Call-ID");

  const header = (name: string): string | null => {
    const lower = name.toLowerCase();
    const found = scan.headers.find((h) => h.name.toLowerCase() === lower);
    return found ? found.value : null;
  };
  const common = {
    via,
    callId,
    cseq: { seq: cseq.value, method: cseq.method },
    fromTag: tagOf(parsed.from),
    toTag: tagOf(parsed.to),
    header,
    raw: text,
  };
  if (isResponse(parsed)) {
    return {
      ok: true,
      message: {
        ...common,
        kind: "response",
        statusCode: parsed.status_code,
        reason: parsed.reason_phrase ?? "",
        contacts: contactsOf(parsed, header("expires")),
        challenges,
        expires: leadingInt(header("expires")),
        minExpires: leadingInt(header("min-expires")),
        retryAfter: leadingInt(header("retry-after")),
        server: header("server"),
        userAgent: header("user-agent"),
      },
    };
  }
  return {
    ok: true,
    message: { ...common, kind: "request", method: parsed.method, uri: String(parsed.ruri) },
  };
}

function isResponse(m: IncomingRequest | IncomingResponse): m is IncomingResponse {
  return typeof (m as IncomingResponse).status_code === "number";
}

function viaOf(m: IncomingRequest | IncomingResponse): ViaInfo | null {
  const v = m.parseHeader<JsSipVia | undefined>("via");
  if (!v?.host || !v.transport) return null;
  return {
    transport: v.transport.toUpperCase(),
    host: v.host,
    port: typeof v.port === "number" ? v.port : null,
    branch: v.branch ?? null,
    rport: typeof v.rport === "number" ? v.rport : null,
    received: v.received ?? null,
  };
}

function tagOf(h: NameAddrHeader | undefined): string | null {
  const tag: unknown = h?.getParam("tag");
  return typeof tag === "string" ? tag : null;
}

function contactsOf(m: IncomingResponse, expiresHeader: string | null): ContactInfo[] {
  const out: ContactInfo[] = [];
  const fallback = leadingInt(expiresHeader);
  const count = m.getHeaders("contact").length;
  for (let i = 0; i < count; i++) {
    const c = m.parseHeader<NameAddrHeader | undefined>("contact", i);
    if (!c) continue;
    const expires: unknown = c.getParam("expires");
    out.push({
      uri: String(c.uri),
      expires: leadingInt(typeof expires === "string" ? expires : null) ?? fallback,
    });
  }
  return out;
}

function parseChallenge(header: ChallengeInfo["header"], raw: string): ChallengeInfo {
  const scheme = /^[A-Za-z0-9-]+/.exec(raw)?.[0] ?? "";
  if (scheme.toLowerCase() !== "digest") return { header, scheme, digest: null, raw };
  const rule = header === "WWW-Authenticate" ? "WWW_Authenticate" : "Proxy_Authenticate";
  const p: unknown = Grammar.parse(raw, rule);
  if (typeof p !== "object" || p === null) return { header, scheme, digest: null, raw };
  const d = p as JsSipChallenge;
  if (typeof d.realm !== "string" || typeof d.nonce !== "string")
    return { header, scheme, digest: null, raw };
  return {
    header,
    scheme: "Digest",
    digest: {
      realm: d.realm,
      nonce: d.nonce,
      opaque: d.opaque ?? null,
      algorithm: d.algorithm ?? null,
      qop: Array.isArray(d.qop) ? d.qop.map((q) => q.toLowerCase()) : [],
      stale: d.stale === true,
    },
    raw,
  };
}

/** `120`, `120 (maintenance)`, `3600;duration=...` → the leading integer; anything else → null. */
function leadingInt(value: string | null): number | null {
  if (value === null) return null;
  const m = /^\s*(\d{1,10})/.exec(value);
  return m?.[1] ? Number(m[1]) : null;
}
