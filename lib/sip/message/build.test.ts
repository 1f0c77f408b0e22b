import { describe, expect, it } from "vitest";
import { buildRequest, escapeUser, type RequestSpec, sipUri } from "./build";
import { makeIds } from "./ids";
import { parseSipMessage } from "./parse";

const spec: RequestSpec = {
  method: "REGISTER",
  requestUri: "sip:pbx.example.com",
  via: { transport: "UDP", host: "192.0.2.1", port: 40000, branch: "z9hG4bKabc" },
  from: { uri: "sip:1001@pbx.example.com", tag: "t1" },
  to: { uri: "sip:1001@pbx.example.com" },
  callId: "c1",
  cseq: 1,
  userAgent: "PhoneConnection/0.1.0",
};

describe("buildRequest", () => {
  it("builds a query REGISTER without Contact that our own parser reads back", () => {
    const r = buildRequest(spec);
    if (!r.ok) throw new Error(r.code);
    expect(r.text).toMatch(/^REGISTER sip:pbx\.example\.com SIP\/2\.0\r\n/);
    expect(r.text).toContain("Via: SIP/2.0/UDP 192.0.2.1:40000;branch=z9hG4bKabc;rport\r\n");
    expect(r.text).not.toContain("Contact:");
    expect(r.text.endsWith("Content-Length: 0\r\n\r\n")).toBe(true);
    const p = parseSipMessage(r.text);
    expect(p.ok && p.message.kind === "request" && p.message.method).toBe("REGISTER");
  });

  it.each(["\r\nX-Evil: 1", "a\nb", "nul\0"])("refuses a value with CR, LF or NUL (%j)", (bad) => {
    expect(buildRequest({ ...spec, userAgent: bad })).toEqual({
      ok: false,
      code: "unsafe_header_value",
      header: "User-Agent",
    });
    expect(buildRequest({ ...spec, callId: bad })).toMatchObject({ ok: false, header: "Call-ID" });
    expect(buildRequest({ ...spec, requestUri: bad })).toMatchObject({ ok: false, header: "Request-URI" });
    expect(buildRequest({ ...spec, contact: bad })).toMatchObject({ ok: false, header: "Contact" });
  });

  it("escapes users and brackets IPv6 hosts", () => {
    expect(escapeUser("a b@c\r\n")).toBe("a%20b%40c%0D%0A");
    expect(sipUri("1001", { host: "2001:db8::1", port: 5062 })).toBe("sip:1001@[2001:db8::1]:5062");
    expect(sipUri(null, { host: "pbx.example.com" })).toBe("sip:pbx.example.com");
  });

  it("makes ids from the given randomness", () => {
    const ids = makeIds((n) => Buffer.alloc(n, 0xab));
    expect(ids.branch()).toBe(`z9hG4bK${"ab".repeat(12)}`);
    expect(makeIds().tag()).not.toBe(makeIds().tag());
  });
});
