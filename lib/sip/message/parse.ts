/**
 * Any string in → a typed SIP message or a `protocol_error` value; never a throw. The lines we
 * read on every message (start line, Via, CSeq, Call-ID, tags) are read here; Contact and the
 * digest challenges go through jssip's grammar (the only file that imports jssip).
 */
import "server-only";
// Default import: Grammar is a generated CommonJS object whose named exports Node cannot detect.
import Grammar from "jssip/lib/Grammar";
import type { NameAddrHeader } from "jssip/lib/NameAddrHeader";
import { LIMITS } from "../limits";
import { type HeaderField, type ProtocolError, protocolError, scanHeaderSection } from "./headers";
import type { ChallengeInfo, ContactInfo, SipMessage, ViaInfo } from "./types";

export type ParseResult = { ok: true; message: SipMessage } | ProtocolError;

const COMPACT: Record<string, string> = {
  v: "via",
  i: "call-id",
  f: "from",
  t: "to",
  m: "contact",
  l: "content-length",
};

/**
 * Looks headers up by name, compact forms read as the long ones (RFC 3261 7.3.3). It keeps the
 * scanned fields as they are: a check holds its responses for its whole run, and a thousand
 * concurrent checks make every retained byte count (bench/).
 */
function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT[lower] ?? lower;
}

function lookup(headers: ReadonlyArray<HeaderField>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const h of headers) if (canonicalName(h.name) === wanted) return h.value;
  return null;
}

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

  // RFC 3261 7.1 / 7.2: Request-Line or Status-Line.
  const statusLine = /^SIP\/2\.0 ([1-6][0-9]{2})(?: (.*))?$/.exec(scan.startLine);
  const requestLine = statusLine ? null : /^([A-Za-z]{1,32}) (\S{1,2048}) SIP\/2\.0$/.exec(scan.startLine);
  if (!statusLine && !requestLine) return protocolError("not a SIP message");

  const headers = scan.headers;
  const first = (name: string) => lookup(headers, name);
  const via = parseVia(first("via"));
  if (!via) return protocolError("missing or malformed Via");
  const cseq = /^([0-9]{1,10})\s+([A-Za-z]{1,32})$/.exec(first("cseq") ?? "");
  if (!cseq?.[1] || !cseq[2]) return protocolError("missing or malformed CSeq");
  const callId = first("call-id");
  if (!callId) return protocolError("missing Call-ID");

  const header = first;
  const seq = { seq: Number(cseq[1]), method: cseq[2].toUpperCase() };
  const fromTag = tagOf(first("from"));
  const toTag = tagOf(first("to"));
  if (requestLine?.[1] && requestLine[2]) {
    const method = requestLine[1];
    const uri = requestLine[2];
    return {
      ok: true,
      message: { kind: "request", via, callId, cseq: seq, fromTag, toTag, header, raw: text, method, uri },
    };
  }
  // Challenges are parsed one by one: RFC 8760 servers offer one per algorithm, and a non-Digest
  // scheme must not spoil the others.
  const challenges: ChallengeInfo[] = [];
  for (const h of scan.headers) {
    const canonical = challengeHeader(h.name);
    if (canonical) challenges.push(parseChallenge(canonical, h.value));
  }
  const contacts = contactsOf(
    headers.filter((h) => canonicalName(h.name) === "contact").map((h) => h.value),
    header("expires"),
  );
  if (!contacts) return protocolError("malformed Contact");
  return {
    ok: true,
    message: {
      kind: "response",
      via,
      callId,
      cseq: seq,
      fromTag,
      toTag,
      header,
      raw: text,
      statusCode: Number(statusLine?.[1]),
      reason: statusLine?.[2] ?? "",
      contacts,
      challenges,
      expires: leadingInt(header("expires")),
      minExpires: leadingInt(header("min-expires")),
      retryAfter: leadingInt(header("retry-after")),
      server: header("server"),
      userAgent: header("user-agent"),
    },
  };
}

/**
 * The top Via (RFC 3261 20.42, 18.2.1; RFC 3581): sent-protocol, sent-by and the params we read.
 * Read by hand: jssip's generated grammar builds hundreds of closures per call, which a thousand
 * concurrent checks turn into hundreds of megabytes of garbage (bench/).
 */
function parseVia(value: string | null): ViaInfo | null {
  if (value === null) return null;
  const top = value.split(",")[0] ?? "";
  const m =
    /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]{1,16})\s+(\[[0-9A-Fa-f:.]{2,64}\]|[A-Za-z0-9.-]{1,255})(?:\s*:\s*([0-9]{1,5}))?\s*((?:;.*)?)$/.exec(
      top.trim(),
    );
  if (!m?.[1] || !m[2]) return null;
  const params = new Map<string, string | null>();
  for (const p of (m[4] ?? "").split(";").slice(1)) {
    const eq = p.indexOf("=");
    const name = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
    if (name) params.set(name, eq < 0 ? null : p.slice(eq + 1).trim());
  }
  const rport = params.get("rport");
  return {
    transport: m[1].toUpperCase(),
    host: m[2],
    port: m[3] ? Number(m[3]) : null,
    branch: params.get("branch") ?? null,
    rport: rport && /^[0-9]{1,5}$/.test(rport) ? Number(rport) : null,
    received: params.get("received") ?? null,
  };
}

/** The tag of a From or To (RFC 3261 20.20, 20.39): a header param, after the name-addr. */
function tagOf(value: string | null): string | null {
  if (value === null) return null;
  const unquoted = value.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const close = unquoted.indexOf(">");
  const params = unquoted.includes("<") ? (close < 0 ? "" : unquoted.slice(close + 1)) : unquoted;
  return /;\s*tag\s*=\s*([^;\s,]+)/i.exec(params)?.[1] ?? null;
}

/** Contact values (RFC 3261 20.10) through jssip's grammar: quoted names and commas need it. */
function contactsOf(values: string[], expiresHeader: string | null): ContactInfo[] | null {
  const out: ContactInfo[] = [];
  const fallback = leadingInt(expiresHeader);
  for (const value of values) {
    const parsed: unknown = Grammar.parse(value, "Contact");
    if (!Array.isArray(parsed)) return null;
    for (const entry of parsed as Array<{ parsed?: NameAddrHeader }>) {
      const c = entry.parsed;
      if (!c) continue;
      const expires: unknown = c.getParam("expires");
      out.push({
        uri: String(c.uri),
        expires: leadingInt(typeof expires === "string" ? expires : null) ?? fallback,
      });
    }
  }
  return out;
}

/**
 * A WWW-/Proxy-Authenticate value (RFC 7235 2.1, RFC 7616 3.3): a scheme, then comma-separated
 * `name=token` or `name="quoted"` params. Unknown params are skipped; a value that does not fit
 * the grammar, or a Digest challenge without realm and nonce, gives `digest: null`.
 */
const AUTH_PARAM = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(?:,|$)/;

function parseChallenge(header: ChallengeInfo["header"], raw: string): ChallengeInfo {
  const scheme = /^[A-Za-z0-9-]+/.exec(raw)?.[0] ?? "";
  const none = { header, scheme, digest: null, raw };
  if (scheme.toLowerCase() !== "digest") return none;
  const params = new Map<string, string>();
  let rest = raw.slice(scheme.length);
  if (!/^\s/.test(rest)) return none;
  while (rest.trim() !== "") {
    const m = AUTH_PARAM.exec(rest);
    if (!m?.[1]) return none;
    const name = m[1].toLowerCase();
    if (params.has(name)) return none;
    params.set(name, m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? ""));
    rest = rest.slice(m[0].length);
  }
  const realm = params.get("realm");
  const nonce = params.get("nonce");
  if (realm === undefined || nonce === undefined) return none;
  const qop = params.get("qop");
  return {
    header,
    scheme: "Digest",
    digest: {
      realm,
      nonce,
      opaque: params.get("opaque") ?? null,
      algorithm: params.get("algorithm")?.toUpperCase() ?? null,
      qop: qop
        ? qop
            .split(",")
            .map((q) => q.trim().toLowerCase())
            .filter(Boolean)
        : [],
      stale: params.get("stale")?.toLowerCase() === "true",
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
