/**
 * What a call needs beyond the registration engine's parsed view: every header field (all Vias
 * and Record-Routes, compact forms expanded), the body, and name-addr values (RFC 3261 20.10,
 * 25.1). Built on parseSipMessage and the same header scanner, so the same caps apply.
 */
import "server-only";
import { type HeaderField, type ProtocolError, protocolError, scanHeaderSection } from "../message/headers";
import { parseSipMessage } from "../message/parse";
import type { SipMessage } from "../message/types";

/** RFC 3261 7.3.3 and the registries: compact header names. */
const COMPACT: Record<string, string> = {
  v: "via",
  f: "from",
  t: "to",
  i: "call-id",
  m: "contact",
  l: "content-length",
  c: "content-type",
  k: "supported",
  r: "refer-to",
  b: "referred-by",
  o: "event",
  u: "allow-events",
  e: "content-encoding",
  s: "subject",
};

export type CallMessage = {
  msg: SipMessage;
  fields: HeaderField[];
  body: string;
  /** Every value of a header, in order; comma lists are not split. */
  all(name: string): string[];
  first(name: string): string | null;
};

export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT[lower] ?? lower;
}

export function readMessage(text: string): { ok: true; m: CallMessage } | ProtocolError {
  const parsed = parseSipMessage(text);
  if (!parsed.ok) return parsed;
  const end = text.indexOf("\r\n\r\n");
  const scan = scanHeaderSection(text.slice(0, end));
  if (!scan.ok) return scan;
  const rest = text.slice(end + 4);
  const body = scan.contentLength === null ? rest : rest.slice(0, scan.contentLength);
  if (scan.contentLength !== null && Buffer.byteLength(body, "utf8") < scan.contentLength) {
    return protocolError("body shorter than Content-Length");
  }
  const fields = scan.headers;
  const all = (name: string) => {
    const want = canonicalName(name);
    return fields.filter((f) => canonicalName(f.name) === want).map((f) => f.value);
  };
  return { ok: true, m: { msg: parsed.message, fields, body, all, first: (n) => all(n)[0] ?? null } };
}

/** Splits a header value at commas outside quotes and angle brackets (RFC 3261 7.3.1). */
export function splitList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== "\\") quoted = !quoted;
    else if (!quoted && ch === "<") depth++;
    else if (!quoted && ch === ">") depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ",") {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = value.slice(start).trim();
  if (last) out.push(last);
  return out;
}

export type NameAddr = { display: string | null; uri: string; params: Record<string, string> };

/** `"Name" <sip:u@h;lr>;tag=x` or `sip:u@h;tag=x` (no brackets: params belong to the header). */
export function parseNameAddr(value: string): NameAddr | null {
  const v = value.trim();
  let display: string | null = null;
  let uri: string;
  let tail: string;
  const lt = v.indexOf("<");
  if (lt >= 0) {
    const gt = v.indexOf(">", lt);
    if (gt < 0) return null;
    display = v.slice(0, lt).trim().replace(/^"|"$/g, "") || null;
    uri = v.slice(lt + 1, gt).trim();
    tail = v.slice(gt + 1);
  } else {
    const semi = v.indexOf(";");
    uri = semi < 0 ? v : v.slice(0, semi);
    tail = semi < 0 ? "" : v.slice(semi);
  }
  if (!/^(sips?|tel):/i.test(uri) || uri.length > 1024) return null;
  const params: Record<string, string> = {};
  for (const part of tail.split(";")) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf("=");
    params[(eq < 0 ? p : p.slice(0, eq)).toLowerCase()] = eq < 0 ? "" : p.slice(eq + 1).replace(/^"|"$/g, "");
  }
  return { display, uri, params };
}

/** The user part of a SIP URI (`1050` in `sip:1050@pbx;user=phone`), or null. */
export function uriUser(uri: string): string | null {
  const m = /^sips?:([^@;>]+)@/i.exec(uri);
  return m?.[1] ? decodeURIComponent(m[1].replace(/%(?![0-9A-Fa-f]{2})/g, "%25")) : null;
}
