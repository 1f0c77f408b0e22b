/**
 * Message framing. Streams (TCP, TLS) are framed by Content-Length, which RFC 3261 18.3 makes
 * mandatory there; a datagram is one message (RFC 3261 18.3, extra bytes discarded). All LIMITS
 * apply, so a peer can never make us buffer more than one capped message.
 */
import "server-only";
import { LIMITS } from "../limits";
import { scanHeaderSection } from "../message/headers";

export type Frame =
  | { kind: "message"; text: string }
  | { kind: "error"; code: "protocol_error"; detail: string };

const CRLF2 = Buffer.from("\r\n\r\n");
const CR = 0x0d;
const LF = 0x0a;

/** RFC 3261 7.5 / RFC 5626 4.4.1: CRLFs before a start line are keep-alives, not garbage. */
function skipKeepAlives(buf: Buffer): number {
  let i = 0;
  while (i < buf.length && (buf[i] === CR || buf[i] === LF)) i++;
  return i;
}

function error(detail: string): Frame {
  return { kind: "error", code: "protocol_error", detail };
}

export class StreamFramer {
  private pending: Buffer = Buffer.alloc(0);
  private dead = false;

  /** Bytes of an incomplete message held; a stream that stops here sent a truncated message. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): Frame[] {
    if (this.dead) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
      if (frame.kind === "error") {
        this.dead = true;
        this.pending = Buffer.alloc(0);
        break;
      }
    }
    return frames;
  }

  private next(): Frame | null {
    const skip = skipKeepAlives(this.pending);
    if (skip > 0) this.pending = this.pending.subarray(skip);
    if (this.pending.length === 0) return null;
    const end = this.pending.indexOf(CRLF2);
    if (end < 0) {
      if (this.pending.length > LIMITS.maxMessageBytes) return error("headers larger than 8 KiB");
      const lastBreak = this.pending.lastIndexOf("\r\n");
      if (this.pending.length - (lastBreak < 0 ? 0 : lastBreak + 2) > LIMITS.maxHeaderLineBytes) {
        return error("header line longer than 2 KiB");
      }
      return null;
    }
    if (end + 4 > LIMITS.maxMessageBytes) return error("headers larger than 8 KiB");
    const scan = scanHeaderSection(this.pending.toString("latin1", 0, end));
    if (!scan.ok) return error(scan.detail);
    if (scan.contentLength === null) return error("no Content-Length on a stream transport (RFC 3261 18.3)");
    const total = end + 4 + scan.contentLength;
    if (total > LIMITS.maxMessageBytes) return error("message larger than 8 KiB");
    if (this.pending.length < total) return null;
    const text = this.pending.toString("utf8", 0, total);
    this.pending = this.pending.subarray(total);
    return { kind: "message", text };
  }
}

/** One datagram → one message, an error, or null for a keep-alive. */
export function frameDatagram(buf: Buffer): Frame | null {
  if (buf.length > LIMITS.maxMessageBytes) return error("datagram larger than 8 KiB");
  const skip = skipKeepAlives(buf);
  if (skip === buf.length) return null;
  const data = buf.subarray(skip);
  const end = data.indexOf(CRLF2);
  if (end < 0) return error("no blank line after the headers");
  const scan = scanHeaderSection(data.toString("latin1", 0, end));
  if (!scan.ok) return error(scan.detail);
  const bodyBytes = data.length - end - 4;
  if (scan.contentLength === null) {
    if (bodyBytes > LIMITS.maxBodyBytes) return error("body larger than 4 KiB");
    return { kind: "message", text: data.toString("utf8") };
  }
  // RFC 3261 18.3: a datagram shorter than its Content-Length is discarded.
  if (scan.contentLength > bodyBytes) return error("datagram shorter than its Content-Length");
  return { kind: "message", text: data.toString("utf8", 0, end + 4 + scan.contentLength) };
}
