import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSipMessage } from "./parse";

const OK_401 = [
  "SIP/2.0 401 Unauthorized",
  "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKabc;rport=5071;received=198.51.100.7",
  "From: <sip:1001@pbx.example.com>;tag=f1",
  "To: <sip:1001@pbx.example.com>;tag=t1",
  "Call-ID: c1",
  "CSeq: 1 REGISTER",
  'WWW-Authenticate: Digest realm="pbx.example.com", nonce="n1", algorithm=SHA-256, qop="auth"',
  'WWW-Authenticate: Digest realm="pbx.example.com", nonce="n2", algorithm=MD5, qop="auth,auth-int", stale=true',
  'Proxy-Authenticate: Basic realm="x"',
  "Server: Asterisk PBX 20.1",
  "Retry-After: 120 (maintenance)",
  "Content-Length: 0",
  "",
  "",
].join("\r\n");

describe("parseSipMessage", () => {
  it("reads a challenge response with several challenges", () => {
    const r = parseSipMessage(OK_401);
    expect(r.ok).toBe(true);
    if (!r.ok || r.message.kind !== "response") throw new Error("expected a response");
    const m = r.message;
    expect(m.statusCode).toBe(401);
    expect(m.via).toMatchObject({
      transport: "UDP",
      host: "192.0.2.10",
      port: 5070,
      branch: "z9hG4bKabc",
      rport: 5071,
      received: "198.51.100.7",
    });
    expect(m.cseq).toEqual({ seq: 1, method: "REGISTER" });
    expect(m.fromTag).toBe("f1");
    expect(m.toTag).toBe("t1");
    expect(m.server).toBe("Asterisk PBX 20.1");
    expect(m.retryAfter).toBe(120);
    expect(m.challenges).toHaveLength(3);
    expect(m.challenges[0]?.digest).toMatchObject({
      realm: "pbx.example.com",
      nonce: "n1",
      algorithm: "SHA-256",
      qop: ["auth"],
      stale: false,
    });
    expect(m.challenges[1]?.digest).toMatchObject({
      nonce: "n2",
      algorithm: "MD5",
      qop: ["auth", "auth-int"],
      stale: true,
    });
    expect(m.challenges[2]).toMatchObject({ header: "Proxy-Authenticate", scheme: "Basic", digest: null });
  });

  it("reads the bindings of a 200 to REGISTER, folded headers included", () => {
    const text = [
      "SIP/2.0 200 OK",
      "v: SIP/2.0/TCP 127.0.0.1:40000;branch=z9hG4bKx;rport",
      "f: <sip:1001@d>;tag=a",
      "t: <sip:1001@d>;tag=b",
      "i: c2",
      "CSeq: 2 REGISTER",
      "Contact: <sip:1001@192.0.2.50:5060>;expires=300,",
      " <sip:1001@192.0.2.51:5060>",
      "Expires: 60",
      "l: 0",
      "",
      "",
    ].join("\r\n");
    const r = parseSipMessage(text);
    if (!r.ok || r.message.kind !== "response") throw new Error(r.ok ? "expected a response" : r.detail);
    expect(r.message.contacts).toEqual([
      { uri: "sip:1001@192.0.2.50:5060", expires: 300 },
      { uri: "sip:1001@192.0.2.51:5060", expires: 60 },
    ]);
    expect(r.message.via.rport).toBeNull();
  });

  it.each([
    ["garbage", "HTTP/1.1 400 Bad Request\r\n\r\n"],
    ["no blank line", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"],
    ["bad CSeq", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: abc\r\n\r\n"],
    ["no Via", "SIP/2.0 200 OK\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\n\r\n"],
    [
      "bad Content-Length",
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: -1\r\n\r\n",
    ],
    ["huge", `SIP/2.0 200 OK\r\nX: ${"a".repeat(9000)}\r\n\r\n`],
  ])("rejects %s as protocol_error", (_name, text) => {
    const r = parseSipMessage(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("protocol_error");
  });

  it("never throws: any string gives a message or protocol_error", () => {
    const sipish = fc.array(
      fc.oneof(
        fc.constantFrom(
          "SIP/2.0 200 OK",
          "Via: SIP/2.0/UDP h;branch=z9hG4bK1",
          "CSeq: 1 REGISTER",
          "Call-ID: x",
          "\r\n",
          ": ",
          "WWW-Authenticate: Digest ",
          'realm="',
          "Contact: <sip:a@b>;expires=",
          " ",
          "\t",
          ",",
        ),
        fc.string(),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          sipish.map((parts) => parts.join("")),
        ),
        (text) => {
          const r = parseSipMessage(text);
          expect(typeof r.ok).toBe("boolean");
          if (!r.ok) expect(r.code).toBe("protocol_error");
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("digest challenges (RFC 7616 3.3)", () => {
  const challenge = (value: string) => {
    const r = parseSipMessage(
      `SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: ${value}\r\n\r\n`,
    );
    if (!r.ok || r.message.kind !== "response") throw new Error("expected a response");
    return r.message.challenges[0]?.digest ?? null;
  };

  it("reads quoted and token values, commas and escapes inside quotes, any spacing", () => {
    expect(
      challenge(
        'Digest realm="a, \\"b\\"",nonce="n=1" ,  opaque="o", algorithm=sha-256,qop="auth, auth-int",stale=TRUE',
      ),
    ).toEqual({
      realm: 'a, "b"',
      nonce: "n=1",
      opaque: "o",
      algorithm: "SHA-256",
      qop: ["auth", "auth-int"],
      stale: true,
    });
  });

  it.each([
    ["no nonce", 'Digest realm="a"'],
    ["an unclosed quote", 'Digest realm="a, nonce="n'],
    ["a param without a value", 'Digest realm="a", nonce="n", junk'],
    ["a repeated param", 'Digest realm="a", nonce="n", nonce="m"'],
    ["no space after the scheme", 'Digestrealm="a", nonce="n"'],
  ])("gives no digest for %s", (_name, value) => {
    expect(challenge(value)).toBeNull();
  });
});
