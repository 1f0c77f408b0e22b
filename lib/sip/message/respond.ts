/**
 * Answers a request the PBX sends to our test Contact (its qualify OPTIONS, RFC 3261 11.2): the
 * response copies Via, From, To, Call-ID and CSeq (8.2.6.2) and adds a To tag when there is none.
 */
import "server-only";
import { scanHeaderSection } from "./headers";

const COPIED: Record<string, string> = {
  via: "Via",
  v: "Via",
  from: "From",
  f: "From",
  to: "To",
  t: "To",
  "call-id": "Call-ID",
  i: "Call-ID",
  cseq: "CSeq",
};

/** Null when the request lacks a header a response must echo (then it is not worth answering). */
export function responseTo(
  request: string,
  status: { code: number; reason: string },
  o: { toTag: string; userAgent: string; extra?: Array<[string, string]> },
): string | null {
  const end = request.indexOf("\r\n\r\n");
  const scan = scanHeaderSection(end >= 0 ? request.slice(0, end) : request);
  if (!scan.ok) return null;
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const h of scan.headers) {
    const name = COPIED[h.name.toLowerCase()];
    if (!name) continue;
    seen.add(name);
    const value = name === "To" && !/;\s*tag=/i.test(h.value) ? `${h.value};tag=${o.toTag}` : h.value;
    lines.push(`${name}: ${value}`);
  }
  if (!["Via", "From", "To", "Call-ID", "CSeq"].every((n) => seen.has(n))) return null;
  for (const [name, value] of o.extra ?? []) lines.push(`${name}: ${value}`);
  lines.push(`User-Agent: ${o.userAgent}`, "Content-Length: 0");
  return `SIP/2.0 ${status.code} ${status.reason}\r\n${lines.join("\r\n")}\r\n\r\n`;
}
