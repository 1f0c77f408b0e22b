/**
 * Splits a header section (start line + header lines, without the blank line) into unfolded
 * header fields, enforcing LIMITS. Shared by the stream framer and the parser so both apply the
 * same caps. Works on strings; the framer passes latin1 so one char is one byte.
 */
import { LIMITS } from "../limits";

export type HeaderField = { name: string; value: string };
export type ProtocolError = { ok: false; code: "protocol_error"; detail: string };
export type HeaderScan = {
  ok: true;
  startLine: string;
  headers: HeaderField[];
  contentLength: number | null;
};

// RFC 3261 25.1 token characters.
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const CONTENT_LENGTH = /^[0-9]{1,5}$/;

export function protocolError(detail: string): ProtocolError {
  return { ok: false, code: "protocol_error", detail };
}

export function scanHeaderSection(section: string): HeaderScan | ProtocolError {
  if (section.includes("\0")) return protocolError("NUL byte in the header section");
  const lines = section.split("\r\n");
  const startLine = lines[0] ?? "";
  if (startLine.length === 0) return protocolError("empty start line");
  if (startLine.length > LIMITS.maxHeaderLineBytes) return protocolError("start line longer than 2 KiB");
  const headers: HeaderField[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/[\r\n]/.test(line)) return protocolError("bare CR or LF inside a header line");
    if (line.length > LIMITS.maxHeaderLineBytes) return protocolError("header line longer than 2 KiB");
    const last = headers[headers.length - 1];
    if (line.startsWith(" ") || line.startsWith("\t")) {
      // RFC 3261 7.3.1: a continuation line belongs to the header above it.
      if (!last) return protocolError("continuation line before any header");
      last.value = `${last.value} ${line.trim()}`;
      if (last.name.length + last.value.length + 2 > LIMITS.maxHeaderLineBytes) {
        return protocolError("folded header longer than 2 KiB");
      }
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) return protocolError("header line without a name and colon");
    const name = line.slice(0, colon).trim();
    if (!TOKEN.test(name)) return protocolError("invalid header name");
    if (headers.length >= LIMITS.maxHeaders) return protocolError("more than 64 headers");
    headers.push({ name, value: line.slice(colon + 1).trim() });
  }
  let contentLength: number | null = null;
  for (const h of headers) {
    const n = h.name.toLowerCase();
    if (n !== "content-length" && n !== "l") continue;
    if (!CONTENT_LENGTH.test(h.value)) return protocolError("Content-Length is not 1 to 5 digits");
    const value = Number(h.value);
    if (value > LIMITS.maxBodyBytes) return protocolError("Content-Length above 4 KiB");
    if (contentLength !== null && contentLength !== value)
      return protocolError("conflicting Content-Length headers");
    contentLength = value;
  }
  return { ok: true, startLine, headers, contentLength };
}
