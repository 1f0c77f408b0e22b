import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frameDatagram, StreamFramer } from "./framing";

const msg = (body = "", extra = "") =>
  `SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe("StreamFramer", () => {
  it("frames back-to-back messages split at any byte, skipping keep-alive CRLFs", () => {
    const wire = Buffer.from(`\r\n\r\n${msg("héllo")}\r\n${msg()}`);
    for (let cut = 1; cut < wire.length; cut += 7) {
      const f = new StreamFramer();
      const frames = [...f.push(wire.subarray(0, cut)), ...f.push(wire.subarray(cut))];
      expect(frames.map((x) => x.kind)).toEqual(["message", "message"]);
      expect(frames[0]).toEqual({ kind: "message", text: msg("héllo") });
      expect(f.pendingBytes).toBe(0);
    }
  });

  it.each([
    ["missing Content-Length", "SIP/2.0 200 OK\r\nCall-ID: c\r\n\r\n"],
    ["non-numeric Content-Length", "SIP/2.0 200 OK\r\nContent-Length: abc\r\n\r\n"],
    ["six-digit Content-Length", "SIP/2.0 200 OK\r\nContent-Length: 000001\r\n\r\n"],
    ["Content-Length over 4 KiB", "SIP/2.0 200 OK\r\nContent-Length: 5000\r\n\r\n"],
    ["conflicting Content-Length", "SIP/2.0 200 OK\r\nContent-Length: 1\r\nl: 2\r\n\r\nab"],
    ["65 headers", `SIP/2.0 200 OK\r\n${"X: 1\r\n".repeat(65)}Content-Length: 0\r\n\r\n`],
    ["a 3 KiB header line", `SIP/2.0 200 OK\r\nX: ${"a".repeat(3000)}\r\nContent-Length: 0\r\n\r\n`],
    ["endless folding", `SIP/2.0 200 OK\r\nX: a\r\n${" b\r\n".repeat(3000)}`],
    ["an endless line", `SIP/2.0 200 OK\r\nX: ${"a".repeat(5000)}`],
    ["HTTP", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"],
  ])("reports %s as protocol_error", (_n, text) => {
    const f = new StreamFramer();
    const frames = f.push(Buffer.from(text));
    // HTTP frames fine (it has a Content-Length); the parser rejects it later.
    if (text.startsWith("HTTP")) return expect(frames[0]?.kind).toBe("message");
    expect(frames.at(-1)).toMatchObject({ kind: "error", code: "protocol_error" });
    expect(f.push(Buffer.from(msg()))).toEqual([]);
  });

  it("any byte stream → messages or one protocol_error, never a throw, never unbounded", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 3000 }),
            fc.constantFrom(
              ...["\r\n", "\r\n\r\n", "Content-Length: 5\r\n", msg("x"), " folded\r\n"].map(
                (s) => new Uint8Array(Buffer.from(s)),
              ),
            ),
          ),
          { maxLength: 20 },
        ),
        (chunks) => {
          const f = new StreamFramer();
          let errors = 0;
          for (const c of chunks) {
            for (const frame of f.push(Buffer.from(c))) {
              if (frame.kind === "error") errors++;
              else expect(Buffer.byteLength(frame.text)).toBeLessThanOrEqual(8192);
            }
            expect(f.pendingBytes).toBeLessThanOrEqual(8192 + 3000 + 64);
          }
          expect(errors).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("frameDatagram", () => {
  it("takes a datagram as one message and drops bytes past Content-Length", () => {
    expect(frameDatagram(Buffer.from(`${msg("ab")}trailing`))).toEqual({ kind: "message", text: msg("ab") });
    expect(frameDatagram(Buffer.from("\r\n\r\n"))).toBeNull();
  });

  it.each([
    ["oversize", Buffer.alloc(9000, 0x41)],
    ["short body", Buffer.from("SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nab")],
    ["garbage", Buffer.from("\u0000\u0001garbage")],
  ])("reports %s as protocol_error", (_n, buf) => {
    expect(frameDatagram(buf)).toMatchObject({ kind: "error", code: "protocol_error" });
  });

  it("any bytes → message, keep-alive or protocol_error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 10000 }), (bytes) => {
        const r = frameDatagram(Buffer.from(bytes));
        expect(r === null || r.kind === "message" || r.code === "protocol_error").toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
