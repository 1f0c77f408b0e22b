/**
 * Issue 4, end to end through runSipCheck: input that could split a header, and targets we must
 * never reach, are refused before a single socket is opened or packet sent — and say why.
 */
import dgram from "node:dgram";
import net from "node:net";
import tls from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { stubResolver } from "@/lib/net/testing/stub-resolver";
import { adviceFor } from "@/lib/verdicts/advice";
import { adviceOf, check, detailText, LOOPBACK_POLICY, stepStatus } from "../testing/check";
import { type Peer, responseTo, udpPeer } from "../testing/peer";
import { runSipCheck } from "./ladder";
import { type SipCheckInput, SipCheckInputError } from "./types";

let peer: Peer;
beforeAll(async () => {
  // Answers everything, so the positive control shows what a sent request looks like here.
  peer = await udpPeer((req) => responseTo(req, "200 OK"));
});
afterAll(() => peer?.close());

let spies: MockInstance[] = [];
/** Pass-through spies on every way the engine opens a socket. */
function spyOnSockets(): void {
  spies = [
    vi.spyOn(dgram, "createSocket"),
    vi.spyOn(net, "createConnection"),
    vi.spyOn(net, "connect"),
    vi.spyOn(tls, "connect"),
  ];
}
/** Spies that refuse: if a guard failed, nothing would leave the machine anyway. */
function refuseSockets(): void {
  const refuse = () => {
    throw new Error("a socket was opened");
  };
  spies = [
    vi.spyOn(dgram, "createSocket").mockImplementation(refuse),
    vi.spyOn(net, "createConnection").mockImplementation(refuse),
    vi.spyOn(net, "connect").mockImplementation(refuse),
    vi.spyOn(tls, "connect").mockImplementation(refuse),
  ];
}
const socketsOpened = () => spies.reduce((n, s) => n + s.mock.calls.length, 0);
afterEach(() => {
  vi.restoreAllMocks();
  spies = [];
  peer.received.length = 0;
});

const BREAKERS: Array<[string, string]> = [
  ["CR", "\r"],
  ["LF", "\n"],
  ["CRLF", "\r\n"],
  ["NUL", "\0"],
  ["U+0085", "\u0085"],
  ["U+2028", "\u2028"],
  ["U+2029", "\u2029"],
];

/** Each header-bound field, with a break followed by an injected header. */
const INJECTIONS: Array<[keyof SipCheckInput, (b: string, port: number) => Partial<SipCheckInput>]> = [
  ["username", (b) => ({ username: `1050${b}X-Injected: 1` })],
  ["authUsername", (b) => ({ authUsername: `auth${b}X-Injected: 1` })],
  ["domain", (b, port) => ({ domain: `127.0.0.1:${port}${b}X-Injected: 1` })],
  ["outboundProxy", (b, port) => ({ outboundProxy: `127.0.0.1:${port}${b}X-Injected: 1` })],
];

/** Header lines of every message the peer received. */
const headerLines = () => peer.received.flatMap((m) => m.split("\r\n\r\n")[0]?.split("\r\n").slice(1) ?? []);

describe("header injection, bypassing the form schema", () => {
  it("positive control: a clean request reaches the peer, and the spies see its socket", async () => {
    spyOnSockets();
    const r = await check({ username: "1050", password: "p", domain: `127.0.0.1:${peer.port}` });
    expect(r.verdict).toBe("registered");
    expect(peer.received.length).toBeGreaterThan(0);
    expect(socketsOpened()).toBeGreaterThan(0);
    expect(headerLines().some((l) => /^X-Injected/i.test(l))).toBe(false);
  });

  for (const [field, make] of INJECTIONS) {
    it.each(BREAKERS)(
      `${field} with %s → SipCheckInputError, 0 sockets, 0 bytes on the wire`,
      async (_n, b) => {
        spyOnSockets();
        const steps: string[] = [];
        const run = runSipCheck(
          {
            username: "1050",
            password: "p",
            domain: `127.0.0.1:${peer.port}`,
            transport: "udp",
            mode: "register",
            ...make(b, peer.port),
          },
          { policy: LOOPBACK_POLICY, timeoutMs: 1000, onStep: (s) => steps.push(s.name) },
        );
        const err = await run.then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(SipCheckInputError);
        expect(err).toMatchObject({ code: "invalid_input", field });
        expect((err as Error).message).toMatch(/line break or NUL/);
        expect(steps).toEqual([]);
        expect(socketsOpened()).toBe(0);
        expect(peer.received).toHaveLength(0);
        expect(headerLines()).toHaveLength(0);
      },
    );
  }

  it("a password with CR/LF/NUL is refused too (it never reaches a header, but never a hash either)", async () => {
    spyOnSockets();
    for (const b of ["\r", "\n", "\0"]) {
      await expect(
        check({ username: "1050", password: `pa${b}ss`, domain: `127.0.0.1:${peer.port}` }),
      ).rejects.toMatchObject({ code: "invalid_input", field: "password" });
    }
    expect(socketsOpened()).toBe(0);
    expect(peer.received).toHaveLength(0);
  });
});

describe("denied ports: refused before any packet, with the reason", () => {
  // Loopback is allowed here, so only the port policy stands between us and the service.
  it.each([
    [22, /SSH/],
    [25, /SMTP/],
    [80, /HTTP/],
    [443, /HTTPS/],
    [3306, /MySQL/],
    [5432, /PostgreSQL/],
    [6379, /Redis/],
    [9200, /Elasticsearch/],
    [11211, /memcached/],
    [27017, /MongoDB/],
    [1023, /system port/],
  ])("port %i → blocked_target (%s)", async (port, why) => {
    refuseSockets();
    for (const input of [
      { domain: `127.0.0.1:${port}` },
      { domain: "127.0.0.1", port },
      { domain: "127.0.0.1", port, transport: "tcp" as const },
      { domain: "127.0.0.1", port, transport: "tls" as const },
    ]) {
      const r = await check({ username: "1050", password: "p", ...input });
      expect(r).toMatchObject({ ok: false, verdict: "blocked_target", trace: [], target: null, sip: null });
      const resolve = r.steps.find((s) => s.name === "resolve");
      expect(resolve?.status).toBe("fail");
      expect(detailText(r, "resolve")).toMatch(why);
      expect(detailText(r, "resolve")).toMatch(/5060/);
      expect(stepStatus(r)).toMatchObject({ ports: "skip", options: "skip", register_auth: "skip" });
      expect(adviceOf(r).verdict).toEqual(adviceFor("blocked_target", "en", r.facts));
      expect(adviceOf(r).verdict.explanation).toMatch(/port used by other services/);
    }
    expect(socketsOpened()).toBe(0);
  });

  it("an SRV record pointing at a denied port is refused the same way", async () => {
    refuseSockets();
    const resolver = stubResolver({
      "_sip._udp.pbx.customer-fixture.nl": {
        SRV: [{ priority: 10, weight: 0, port: 6379, name: "h.customer-fixture.nl" }],
      },
      "h.customer-fixture.nl": { A: ["127.0.0.1"] },
    });
    const r = await check({ username: "1050", domain: "pbx.customer-fixture.nl" }, { resolver });
    expect(r.verdict).toBe("blocked_target");
    expect(detailText(r, "resolve")).toMatch(/Redis/);
    expect(socketsOpened()).toBe(0);
  });
});

describe("denied addresses: refused before any packet, with the reason", () => {
  const NONE = { allowCidrs: [] };
  it.each([
    ["127.0.0.1", "blocked_target", /loopback/],
    ["[::1]", "blocked_target", /loopback/],
    ["169.254.169.254", "blocked_target", /metadata/],
    ["0.0.0.0", "blocked_target", /unspecified/],
    ["224.0.0.1", "blocked_target", /multicast/],
    ["192.168.1.1", "private_address", /private network/],
    ["10.0.0.1", "private_address", /private network/],
    ["172.16.5.4", "private_address", /private network/],
    ["100.64.1.1", "private_address", /carrier-grade NAT/],
    ["[fd00::1]", "blocked_target", /unique local/],
  ])("%s → %s", async (domain, verdict, why) => {
    refuseSockets();
    const r = await check({ username: "1050", password: "p", domain }, { policy: NONE });
    expect(r).toMatchObject({ ok: false, verdict, trace: [], target: null });
    const resolve = r.steps.find((s) => s.name === "resolve");
    expect(resolve?.status).toBe("fail");
    expect(detailText(r, "resolve")).toMatch(why);
    expect(adviceOf(r).verdict).toEqual(adviceFor(verdict as "blocked_target", "en", r.facts));
    if (verdict === "private_address") {
      expect(adviceOf(r).verdict.explanation).toMatch(/private network address/);
      expect(adviceOf(r).verdict.action).toMatch(/public address/);
      expect(adviceOf(r).verdict.who).toBe("provider");
    } else {
      expect(adviceOf(r).verdict.explanation).toMatch(/local, reserved or special-purpose address/);
    }
    expect(socketsOpened()).toBe(0);
  });

  it("a name that resolves to the metadata address → blocked_target, no socket", async () => {
    refuseSockets();
    const resolver = stubResolver({ "metadata.customer-fixture.nl": { A: ["169.254.169.254"] } });
    const r = await check(
      { username: "1050", domain: "metadata.customer-fixture.nl", transport: "auto" },
      { policy: NONE, resolver },
    );
    expect(r.verdict).toBe("blocked_target");
    expect(detailText(r, "resolve")).toMatch(/169\.254\.169\.254/);
    expect(socketsOpened()).toBe(0);
  });

  it("an outbound proxy on a denied address is refused as well", async () => {
    refuseSockets();
    const r = await check(
      { username: "1050", domain: "pbx.customer-fixture.nl", outboundProxy: "169.254.169.254" },
      { policy: NONE, resolver: stubResolver({}) },
    );
    expect(r.verdict).toBe("blocked_target");
    expect(socketsOpened()).toBe(0);
  });
});
