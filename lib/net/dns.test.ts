import { describe, expect, it } from "vitest";
import { resolveSipTarget } from "./dns";
import { parseAllowCidrs } from "./policy";
import { naptr, srv, stubResolver } from "./testing/stub-resolver";

const NONE = { allowCidrs: [] };
const brief = (t: { transport: string; address: string; port: number; source: string }) =>
  `${t.transport} ${t.address}:${t.port} ${t.source}`;

describe("resolveSipTarget: RFC 3263 §4", () => {
  it("uses an IP literal as is, without any lookup", async () => {
    const resolver = stubResolver({});
    const r = await resolveSipTarget({ host: "8.8.8.8", transport: "auto", policy: NONE, resolver });
    expect(r.ok && r.targets.map(brief)).toEqual([
      "udp 8.8.8.8:5060 literal",
      "tcp 8.8.8.8:5060 literal",
      "tls 8.8.8.8:5061 literal",
    ]);
    expect(resolver.queries).toEqual([]);
  });

  it("keeps an explicit port for every transport and prefers TLS on 5061", async () => {
    const resolver = stubResolver({});
    const r = await resolveSipTarget({
      host: "[2001:4860:4860::8888]:5061",
      transport: "auto",
      policy: NONE,
      resolver,
    });
    expect(r.ok && r.targets.map(brief)).toEqual([
      "tls 2001:4860:4860::8888:5061 literal",
      "tcp 2001:4860:4860::8888:5061 literal",
      "udp 2001:4860:4860::8888:5061 literal",
    ]);
    expect(r.ok && r.targets[0]?.family).toBe(6);
  });

  it("skips NAPTR and SRV when a port is given", async () => {
    const resolver = stubResolver({ "pbx.example.com": { A: ["8.8.4.4"] } });
    const r = await resolveSipTarget({
      host: "pbx.example.com",
      port: 5080,
      transport: "udp",
      policy: NONE,
      resolver,
    });
    expect(r.ok && r.targets.map(brief)).toEqual(["udp 8.8.4.4:5080 a"]);
    expect(resolver.queries.sort()).toEqual(["A pbx.example.com", "AAAA pbx.example.com"]);
  });

  it("follows NAPTR → SRV → A/AAAA in NAPTR order", async () => {
    const resolver = stubResolver({
      "example.com": {
        NAPTR: [
          naptr(20, 10, "SIP+D2U", "_sip._udp.example.com"),
          naptr(10, 10, "SIPS+D2T", "_sips._tcp.example.com."),
          naptr(30, 10, "SIP+D2S", "_sip._sctp.example.com"),
        ],
      },
      "_sips._tcp.example.com": { SRV: [srv(10, 0, 5061, "tls.example.com")] },
      "_sip._udp.example.com": {
        SRV: [srv(20, 0, 5060, "b.example.com"), srv(10, 0, 5070, "a.example.com")],
      },
      "tls.example.com": { A: ["9.9.9.9"], AAAA: ["2620:fe::fe"] },
      "a.example.com": { A: ["1.1.1.1"] },
      "b.example.com": { A: ["1.0.0.1"] },
    });
    const r = await resolveSipTarget({ host: "example.com", transport: "auto", policy: NONE, resolver });
    expect(r.ok && r.targets.map(brief)).toEqual([
      "tls 9.9.9.9:5061 naptr",
      "tls 2620:fe::fe:5061 naptr",
      "udp 1.1.1.1:5070 naptr",
      "udp 1.0.0.1:5060 naptr",
    ]);
    expect(r.ok && r.targets[0]).toMatchObject({ host: "example.com", server: "tls.example.com" });
    expect(resolver.queries).not.toContain("SRV _sip._sctp.example.com");
    expect(r.records.map((x) => `${x.type} ${x.name} ${x.error ?? x.answers.length}`)).toContain(
      "SRV _sips._tcp.example.com 1",
    );
  });

  it("asks SRV per transport when there is no NAPTR, and skips a '.' target", async () => {
    const resolver = stubResolver({
      "example.net": {},
      "_sip._udp.example.net": { SRV: [srv(10, 0, 0, ".")] },
      "_sip._tcp.example.net": {
        SRV: [srv(10, 5, 5060, "pbx.example.net"), srv(10, 50, 5062, "pbx2.example.net")],
      },
      "pbx.example.net": { A: ["8.8.8.8"] },
      "pbx2.example.net": { A: ["8.8.4.4"] },
    });
    const r = await resolveSipTarget({ host: "example.net", transport: "auto", policy: NONE, resolver });
    expect(r.ok && r.targets.map(brief)).toEqual(["tcp 8.8.4.4:5062 srv", "tcp 8.8.8.8:5060 srv"]);
    expect(resolver.queries).toContain("SRV _sips._tcp.example.net");
  });

  it("falls back to A/AAAA on the domain with default ports", async () => {
    const resolver = stubResolver({ "sip.example.org": { A: ["8.8.8.8"], AAAA: ["2001:4860:4860::8888"] } });
    const r = await resolveSipTarget({ host: "sip.example.org", transport: "tls", policy: NONE, resolver });
    expect(r.ok && r.targets.map(brief)).toEqual(["tls 8.8.8.8:5061 a", "tls 2001:4860:4860::8888:5061 a"]);
    expect(resolver.queries).toContain("SRV _sips._tcp.sip.example.org");
    expect(resolver.queries).not.toContain("SRV _sip._udp.sip.example.org");
  });
});

describe("resolveSipTarget: policy on every answer", () => {
  it("uses only the public answers of a mixed set and reports the others", async () => {
    const resolver = stubResolver({ "mixed.example.com": { A: ["192.168.1.10", "8.8.8.8", "127.0.0.1"] } });
    const r = await resolveSipTarget({
      host: "mixed.example.com",
      port: 5060,
      transport: "udp",
      policy: NONE,
      resolver,
    });
    expect(r.ok && r.targets.map((t) => t.address)).toEqual(["8.8.8.8"]);
    expect(r.rejected.map((x) => `${x.address} ${x.code}`)).toEqual([
      "192.168.1.10 private_address",
      "127.0.0.1 blocked_target",
    ]);
  });

  it.each([
    [{ A: ["192.168.1.10", "10.0.0.5"] }, "private_address"],
    [{ A: ["10.0.0.5"], AAAA: ["::1"] }, "private_address"],
    [{ A: ["127.0.0.1"], AAAA: ["::ffff:127.0.0.1"] }, "blocked_target"],
    [{ AAAA: ["fd00::1"] }, "blocked_target"],
  ])("all non-public %j → %s", async (answers, code) => {
    const resolver = stubResolver({ "in.example.com": answers });
    const r = await resolveSipTarget({ host: "in.example.com", transport: "auto", policy: NONE, resolver });
    expect(r).toMatchObject({ ok: false, code });
  });

  it("refuses an SRV record that points at a denied port", async () => {
    const resolver = stubResolver({
      "_sip._udp.ssh.example.com": { SRV: [srv(1, 1, 22, "host.example.com")] },
      "host.example.com": { A: ["8.8.8.8"] },
    });
    const r = await resolveSipTarget({ host: "ssh.example.com", transport: "udp", policy: NONE, resolver });
    expect(r).toMatchObject({ ok: false, code: "blocked_port" });
    expect(!r.ok && r.detail).toMatch(/port 22 is normally SSH/);
    expect(resolver.queries).not.toContain("A host.example.com");
  });

  it("treats localhost as loopback without asking DNS, unless the range is allowed", async () => {
    const resolver = stubResolver({});
    const r = await resolveSipTarget({ host: "localhost", transport: "udp", policy: NONE, resolver });
    expect(r).toMatchObject({ ok: false, code: "blocked_target" });
    const allowed = { allowCidrs: parseAllowCidrs("127.0.0.0/8") };
    const ok = await resolveSipTarget({
      host: "localhost:5070",
      transport: "udp",
      policy: allowed,
      resolver,
    });
    expect(ok.ok && ok.targets.map(brief)).toEqual(["udp 127.0.0.1:5070 a"]);
    expect(ok.rejected.map((x) => x.address)).toEqual(["::1"]);
    expect(resolver.queries).toEqual([]);
  });

  it("calls internal names private and reserved names unresolvable, without lookups", async () => {
    const resolver = stubResolver({});
    const local = await resolveSipTarget({ host: "pbx.local", transport: "auto", policy: NONE, resolver });
    expect(local).toMatchObject({ ok: false, code: "private_address" });
    const test = await resolveSipTarget({ host: "pbx.test", transport: "auto", policy: NONE, resolver });
    expect(test).toMatchObject({ ok: false, code: "dns_failed" });
    expect(resolver.queries).toEqual([]);
  });
});

describe("resolveSipTarget: failures", () => {
  it("NXDOMAIN → dns_failed", async () => {
    const r = await resolveSipTarget({
      host: "nope.example.com",
      transport: "auto",
      policy: NONE,
      resolver: stubResolver({}),
    });
    expect(r).toMatchObject({
      ok: false,
      code: "dns_failed",
      detail: "nope.example.com does not exist in DNS",
    });
    expect(r.records.every((x) => x.error === "nxdomain")).toBe(true);
  });

  it("a silent DNS server → dns_failed within the budget", async () => {
    const hang = { NAPTR: "hang", SRV: "hang", A: "hang", AAAA: "hang" } as const;
    const resolver = stubResolver({
      "slow.example.com": hang,
      "_sip._udp.slow.example.com": hang,
      "_sip._tcp.slow.example.com": hang,
      "_sips._tcp.slow.example.com": hang,
    });
    const r = await resolveSipTarget({
      host: "slow.example.com",
      transport: "auto",
      policy: NONE,
      resolver,
      timeoutMs: 150,
    });
    expect(r).toMatchObject({
      ok: false,
      code: "dns_failed",
      detail: "DNS lookups for slow.example.com timed out",
    });
  });

  it("invalid syntax and conflicting ports → invalid_host; a denied port → blocked_port", async () => {
    const resolver = stubResolver({});
    const bad = await resolveSipTarget({ host: "127.1", transport: "auto", policy: NONE, resolver });
    expect(bad).toMatchObject({ ok: false, code: "invalid_host" });
    const two = await resolveSipTarget({
      host: "pbx.example.com:5060",
      port: 5070,
      transport: "auto",
      policy: NONE,
      resolver,
    });
    expect(two).toMatchObject({ ok: false, code: "invalid_host" });
    const port = await resolveSipTarget({
      host: "pbx.example.com:3306",
      transport: "auto",
      policy: NONE,
      resolver,
    });
    expect(port).toMatchObject({ ok: false, code: "blocked_port" });
    expect(resolver.queries).toEqual([]);
  });
});

describe("resolveSipTarget: dns_failed details", () => {
  it("a domain that exists but has no SIP or address records", async () => {
    const resolver = stubResolver({ "mail-only.example.com": {} });
    const r = await resolveSipTarget({
      host: "mail-only.example.com",
      transport: "auto",
      policy: NONE,
      resolver,
    });
    expect(r).toMatchObject({
      ok: false,
      code: "dns_failed",
      detail: "mail-only.example.com has no SIP (NAPTR/SRV) or address (A/AAAA) records",
    });
  });
});
