/**
 * The tester must never become an SSRF tool: internal targets, however spelled, open 0 sockets.
 * Every socket entry point is spied on and stubbed, so no packet can leave the machine.
 */
import dgram from "node:dgram";
import { EventEmitter } from "node:events";
import net from "node:net";
import tls from "node:tls";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type DnsResolver, resolveSipTarget } from "./dns";
import { AddressPolicyError, checkAddress } from "./policy";
import { tcpPortCheck } from "./ports";
import { type StubZone, srv, stubResolver } from "./testing/stub-resolver";

const NONE = { allowCidrs: [] };
let connects: Array<{ host: string; port: number }> = [];
let spies: Array<{ mock: { calls: unknown[][] } }> = [];

function fakeSocket(): net.Socket {
  const s = Object.assign(new EventEmitter(), { destroy: () => s });
  setImmediate(() => s.emit("connect"));
  return s as unknown as net.Socket;
}

beforeEach(() => {
  connects = [];
  const refuse = () => {
    throw new Error("a socket was opened");
  };
  spies = [
    // The one path the port check uses: record the target, hand back a socket that "connects".
    vi.spyOn(net, "createConnection").mockImplementation(((opts: net.NetConnectOpts) => {
      const o = opts as net.TcpNetConnectOpts;
      connects.push({ host: o.host ?? "", port: o.port });
      return fakeSocket();
    }) as typeof net.createConnection),
    vi.spyOn(net, "connect").mockImplementation(refuse),
    vi.spyOn(net.Socket.prototype, "connect").mockImplementation(refuse),
    vi.spyOn(tls, "connect").mockImplementation(refuse),
    vi.spyOn(dgram, "createSocket").mockImplementation(refuse),
  ];
});

afterEach(() => vi.restoreAllMocks());

const socketsOpened = () => spies.reduce((n, s) => n + s.mock.calls.length, 0);

/** What the engine does: resolve, then a TCP port check on each chosen target. */
async function probe(host: string, resolver: DnsResolver) {
  const r = await resolveSipTarget({ host, transport: "auto", policy: NONE, resolver, timeoutMs: 500 });
  if (r.ok) for (const t of r.targets) await tcpPortCheck(t, { timeoutMs: 200, policy: NONE });
  return r;
}

const ZONE: StubZone = {
  "loopback.example.com": { A: ["127.0.0.1"] },
  "loopback6.example.com": { AAAA: ["::1"] },
  "mapped.example.com": { AAAA: ["::ffff:127.0.0.1"] },
  "metadata.example.com": { A: ["169.254.169.254"] },
  "mapped-metadata.example.com": { AAAA: ["::ffff:a9fe:a9fe"] },
  "zero.example.com": { A: ["0.0.0.0"] },
  "ula.example.com": { AAAA: ["fd00:ec2::254"] },
  "office.example.com": { A: ["192.168.1.1"] },
  "cgnat.example.com": { A: ["100.64.12.34"] },
  "privmix.example.com": { A: ["10.0.0.1", "172.16.5.4"], AAAA: ["fe80::1"] },
  "_sip._udp.srv-internal.example.com": { SRV: [srv(10, 0, 5060, "internal.corp.example.com")] },
  "internal.corp.example.com": { A: ["10.1.2.3"] },
  "_sip._tcp.srv-localhost.example.com": { SRV: [srv(10, 0, 5060, "localhost")] },
  "_sips._tcp.srv-loop.example.com": { SRV: [srv(10, 0, 5061, "loopback.example.com")] },
  "_sip._udp.srv-badport.example.com": { SRV: [srv(10, 0, 6379, "public.example.com")] },
  "public.example.com": { A: ["8.8.8.8"] },
};

// [spelling, expected code]. Numeric look-alikes are refused as input before any lookup.
const CORPUS: Array<[string, string]> = [
  ["127.1", "invalid_host"],
  ["127.0.1", "invalid_host"],
  ["0177.0.0.1", "invalid_host"],
  ["0177.0.0.01", "invalid_host"],
  ["0x7f000001", "invalid_host"],
  ["0x7f.0x0.0x0.0x1", "invalid_host"],
  ["0x7f.1", "invalid_host"],
  ["2130706433", "invalid_host"],
  ["017700000001", "invalid_host"],
  ["0", "invalid_host"],
  ["012.0.0.1", "invalid_host"],
  ["127.000.000.001", "invalid_host"],
  ["0251.0376.0251.0376", "invalid_host"],
  ["2852039166", "invalid_host"],
  ["0xa9fea9fe", "invalid_host"],
  ["0.0.0.0.", "invalid_host"],
  ["[127.0.0.1]", "invalid_host"],
  ["fe80::1%eth0", "invalid_host"],
  ["[fe80::1%25lo]", "invalid_host"],
  ["::ffff:0177.0.0.1", "invalid_host"],
  ["１２７.０.０.１", "invalid_host"],
  ["localhost\r\nVia: SIP/2.0/UDP evil", "invalid_host"],
  ["127.0.0.1\u0000.example.com", "invalid_host"],
  ["127.0.0.1", "blocked_target"],
  ["127.255.255.254", "blocked_target"],
  ["127.0.0.1:5060", "blocked_target"],
  ["0.0.0.0", "blocked_target"],
  ["169.254.169.254", "blocked_target"],
  ["::1", "blocked_target"],
  ["[::1]", "blocked_target"],
  ["[::1]:5060", "blocked_target"],
  ["0:0:0:0:0:0:0:1", "blocked_target"],
  ["::", "blocked_target"],
  ["[::]", "blocked_target"],
  ["::ffff:127.0.0.1", "blocked_target"],
  ["[::ffff:127.0.0.1]:5061", "blocked_target"],
  ["::ffff:7f00:1", "blocked_target"],
  ["::ffff:a9fe:a9fe", "blocked_target"],
  ["::127.0.0.1", "blocked_target"],
  ["::7f00:1", "blocked_target"],
  ["::ffff:0:7f00:1", "blocked_target"],
  ["64:ff9b::7f00:1", "blocked_target"],
  ["64:ff9b::a9fe:a9fe", "blocked_target"],
  ["2002:7f00:1::1", "blocked_target"],
  ["2002:c0a8:101::1", "blocked_target"],
  ["fe80::1", "blocked_target"],
  ["fd00::1", "blocked_target"],
  ["ff02::1", "blocked_target"],
  ["224.0.0.251", "blocked_target"],
  ["255.255.255.255", "blocked_target"],
  ["192.0.2.1", "blocked_target"],
  ["localhost", "blocked_target"],
  ["LOCALHOST.", "blocked_target"],
  ["pbx.localhost", "blocked_target"],
  ["loopback.example.com", "blocked_target"],
  ["loopback6.example.com", "blocked_target"],
  ["mapped.example.com", "blocked_target"],
  ["metadata.example.com", "blocked_target"],
  ["mapped-metadata.example.com", "blocked_target"],
  ["zero.example.com", "blocked_target"],
  ["ula.example.com", "blocked_target"],
  ["srv-localhost.example.com", "blocked_target"],
  ["srv-loop.example.com", "blocked_target"],
  ["10.0.0.1", "private_address"],
  ["172.16.0.1", "private_address"],
  ["192.168.1.1", "private_address"],
  ["192.168.1.1:5060", "private_address"],
  ["100.64.0.1", "private_address"],
  ["::ffff:192.168.1.1", "private_address"],
  ["::ffff:c0a8:101", "private_address"],
  ["[::ffff:10.0.0.1]", "private_address"],
  ["office.example.com", "private_address"],
  ["cgnat.example.com", "private_address"],
  ["privmix.example.com", "private_address"],
  ["srv-internal.example.com", "private_address"],
  ["pbx.local", "private_address"],
  ["pbx.home.arpa", "private_address"],
  ["127.0.0.1:22", "blocked_port"],
  ["[::1]:6379", "blocked_port"],
  ["8.8.8.8:25", "blocked_port"],
  ["srv-badport.example.com", "blocked_port"],
];

describe("internal-target corpus", () => {
  it("has at least 50 spellings", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CORPUS)("%j → %s, 0 sockets", async (host, code) => {
    const r = await probe(host, stubResolver(ZONE));
    expect(r).toMatchObject({ ok: false, code });
    expect(!r.ok && r.detail.length).toBeGreaterThan(10);
    expect(socketsOpened()).toBe(0);
  });

  it.each([
    "127.0.0.1",
    "127.1",
    "0x7f000001",
    "2130706433",
    "0177.0.0.1",
    "::1",
    "[::1]",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
    "169.254.169.254",
    "10.0.0.1",
    "localhost",
    "public.example.com",
  ])("tcpPortCheck refuses %j before any socket exists", async (address) => {
    await expect(
      tcpPortCheck({ address, port: 5060 }, { timeoutMs: 200, policy: NONE }),
    ).rejects.toBeInstanceOf(AddressPolicyError);
    expect(socketsOpened()).toBe(0);
  });

  it("refuses a denied port on a public address with the reason, before any packet", async () => {
    const err = await tcpPortCheck(
      { address: "8.8.8.8", port: 3306 },
      { timeoutMs: 200, policy: NONE },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "blocked_port",
      detail: expect.stringMatching(/3306 is normally MySQL/),
    });
    expect(socketsOpened()).toBe(0);
  });
});

describe("mixed answers", () => {
  it("connects only to the public address", async () => {
    const resolver = stubResolver({
      "mix.example.com": { A: ["127.0.0.1", "8.8.8.8", "10.0.0.1"], AAAA: ["::1"] },
    });
    const r = await probe("mix.example.com", resolver);
    expect(r.ok).toBe(true);
    expect(r.rejected.map((x) => x.address).sort()).toEqual(["10.0.0.1", "127.0.0.1", "::1"]);
    expect(connects.length).toBeGreaterThan(0);
    expect(connects.every((c) => c.host === "8.8.8.8")).toBe(true);
  });
});

describe("DNS rebinding", () => {
  it("a resolver alternating public and loopback answers: 100 runs, 0 connections to a non-public address", async () => {
    let n = 0;
    const flip = () => (n++ % 2 === 0 ? ["8.8.8.8"] : ["127.0.0.1"]);
    const flip6 = () => (n % 2 === 0 ? ["2001:4860:4860::8888"] : ["::ffff:127.0.0.1"]);
    const resolver = stubResolver({
      "rebind.example.com": { A: flip, AAAA: flip6 },
      "_sip._udp.rebind.example.com": { SRV: [srv(10, 0, 5060, "rebind.example.com")] },
      "_sip._tcp.rebind.example.com": { SRV: [srv(10, 0, 5060, "rebind.example.com")] },
    });
    let passed = 0;
    for (let run = 0; run < 100; run++) {
      const before = resolver.queries.length;
      const r = await probe("rebind.example.com", resolver);
      if (r.ok) passed++;
      // Each name is looked up exactly once per check: nothing can change between check and connect.
      const aQueries = resolver.queries.slice(before).filter((q) => q === "A rebind.example.com");
      expect(aQueries).toHaveLength(1);
    }
    expect(passed).toBeGreaterThan(0);
    expect(connects.length).toBeGreaterThan(0);
    const nonPublic = connects.filter((c) => !checkAddress(c.host, NONE).ok);
    expect(nonPublic).toEqual([]);
    expect(spies.slice(1).reduce((k, s) => k + s.mock.calls.length, 0)).toBe(0);
  });
});
