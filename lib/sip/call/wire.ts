/**
 * Builds the requests and responses of a call. Every value bound for a header passes headerSafe
 * (no CR, LF, NUL), so nothing a peer sent can inject a header into what we send back.
 */
import "server-only";
import { headerSafe, hostForUri } from "../message/build";
import type { CallMessage } from "./sip-view";

export type Built = { ok: true; text: string } | { ok: false; code: "unsafe_header_value"; header: string };
export const ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY, REFER, INFO, UPDATE";

function assemble(startLine: string, headers: Array<[string, string]>, body: string): Built {
  if (!headerSafe(startLine)) return { ok: false, code: "unsafe_header_value", header: "start line" };
  for (const [name, value] of headers) {
    if (!headerSafe(value)) return { ok: false, code: "unsafe_header_value", header: name };
  }
  const lines = headers.map(([n, v]) => `${n}: ${v}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body, "utf8")}`);
  return { ok: true, text: `${startLine}\r\n${lines.join("\r\n")}\r\n\r\n${body}` };
}

export type ResponseOptions = {
  toTag?: string;
  contact?: string;
  body?: { type: string; text: string };
  extra?: Array<[string, string]>;
  userAgent: string;
};

/** RFC 3261 8.2.6.2: Via, From, Call-ID, CSeq copied; To gets our tag; 12.1.1: Record-Route too. */
export function buildResponse(req: CallMessage, code: number, reason: string, o: ResponseOptions): Built {
  const headers: Array<[string, string]> = [];
  for (const v of req.all("via")) headers.push(["Via", v]);
  if (req.msg.cseq.method === "INVITE" && code > 100 && code < 300) {
    for (const rr of req.all("record-route")) headers.push(["Record-Route", rr]);
  }
  headers.push(["From", req.first("from") ?? ""]);
  const to = req.first("to") ?? "";
  headers.push(["To", o.toTag && req.msg.toTag === null && code > 100 ? `${to};tag=${o.toTag}` : to]);
  headers.push(["Call-ID", req.msg.callId], ["CSeq", `${req.msg.cseq.seq} ${req.msg.cseq.method}`]);
  if (o.contact) headers.push(["Contact", o.contact]);
  if (
    code === 405 ||
    (req.msg.cseq.method === "OPTIONS" && code === 200) ||
    (req.msg.cseq.method === "INVITE" && code === 200)
  ) {
    headers.push(["Allow", ALLOW]);
  }
  if (req.msg.cseq.method === "OPTIONS" && code === 200) headers.push(["Accept", "application/sdp"]);
  headers.push(...(o.extra ?? []), ["Server", o.userAgent]);
  if (o.body) headers.push(["Content-Type", o.body.type]);
  return assemble(`SIP/2.0 ${code} ${reason}`, headers, o.body?.text ?? "");
}

export type RequestOptions = {
  method: string;
  uri: string;
  via: { transport: string; host: string; port: number; branch: string };
  from: { uri: string; tag: string };
  to: { uri: string; tag: string | null };
  callId: string;
  cseq: number;
  /** The CSeq method when it differs (ACK and CANCEL reuse the INVITE's number). */
  routes: string[];
  contact?: string;
  authorization?: { name: string; value: string };
  extra?: Array<[string, string]>;
  body?: { type: string; text: string };
  userAgent: string;
};

export function buildCallRequest(r: RequestOptions): Built {
  const headers: Array<[string, string]> = [
    [
      "Via",
      `SIP/2.0/${r.via.transport} ${hostForUri(r.via.host)}:${r.via.port};branch=${r.via.branch};rport`,
    ],
    ["Max-Forwards", "70"],
    ...r.routes.map((route): [string, string] => ["Route", route]),
    ["From", `<${r.from.uri}>;tag=${r.from.tag}`],
    ["To", r.to.tag ? `<${r.to.uri}>;tag=${r.to.tag}` : `<${r.to.uri}>`],
    ["Call-ID", r.callId],
    ["CSeq", `${r.cseq} ${r.method}`],
  ];
  if (r.contact) headers.push(["Contact", r.contact]);
  if (r.authorization) headers.push([r.authorization.name, r.authorization.value]);
  if (r.method === "INVITE") headers.push(["Allow", ALLOW], ["Supported", "replaces"]);
  headers.push(...(r.extra ?? []), ["User-Agent", r.userAgent]);
  if (r.body) headers.push(["Content-Type", r.body.type]);
  return assemble(`${r.method} ${r.uri} SIP/2.0`, headers, r.body?.text ?? "");
}
