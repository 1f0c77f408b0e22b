import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AddressPolicyError,
  AllowCidrsError,
  assertConnectAllowed,
  checkAddress,
  checkPort,
  parseAllowCidrs,
  policyFromEnv,
} from "./policy";

const NONE = { allowCidrs: [] };

describe("checkAddress", () => {
  it.each([
    ["8.8.8.8", "8.8.8.8"],
    ["1.1.1.1", "1.1.1.1"],
    ["100.63.255.255", "100.63.255.255"],
    ["100.128.0.0", "100.128.0.0"],
    ["172.15.255.255", "172.15.255.255"],
    ["172.32.0.0", "172.32.0.0"],
    ["::ffff:8.8.8.8", "8.8.8.8"],
    ["2001:4860:4860::8888", "2001:4860:4860::8888"],
    ["2001:4860:4860:0000:0000:0000:0000:8888", "2001:4860:4860::8888"],
    ["2002:0808:0808::1", "2002:808:808::1"],
    ["64:ff9b::808:808", "64:ff9b::808:808"],
  ])("passes public %s as %s", (ip, normalised) => {
    expect(checkAddress(ip, NONE)).toEqual({ ok: true, address: normalised });
  });

  it.each([
    ["10.0.0.1", "10.0.0.0/8"],
    ["10.255.255.255", "10.0.0.0/8"],
    ["172.16.0.1", "172.16.0.0/12"],
    ["172.31.255.254", "172.16.0.0/12"],
    ["192.168.1.1", "192.168.0.0/16"],
    ["100.64.0.1", "100.64.0.0/10"],
    ["100.127.255.254", "100.64.0.0/10"],
    ["::ffff:192.168.1.1", "192.168.0.0/16"],
    ["::ffff:a00:1", "10.0.0.0/8"],
  ])("private %s → private_address (%s)", (ip, range) => {
    const r = checkAddress(ip, NONE);
    expect(r).toMatchObject({ ok: false, code: "private_address", range });
    if (!r.ok) expect(r.detail).toMatch(/not reachable from the internet/);
  });

  it.each([
    ["127.0.0.1", "127.0.0.0/8"],
    ["127.255.255.254", "127.0.0.0/8"],
    ["0.0.0.0", "0.0.0.0/8"],
    ["0.1.2.3", "0.0.0.0/8"],
    ["169.254.169.254", "169.254.0.0/16"],
    ["::ffff:a9fe:a9fe", "169.254.0.0/16"],
    ["::ffff:127.0.0.1", "127.0.0.0/8"],
    ["224.0.0.1", "224.0.0.0/4"],
    ["239.255.255.250", "224.0.0.0/4"],
    ["255.255.255.255", "255.255.255.255/32"],
    ["240.0.0.1", "240.0.0.0/4"],
    ["192.0.0.8", "192.0.0.0/24"],
    ["192.0.2.1", "192.0.2.0/24"],
    ["198.51.100.7", "198.51.100.0/24"],
    ["203.0.113.9", "203.0.113.0/24"],
    ["198.18.0.1", "198.18.0.0/15"],
    ["192.88.99.1", "192.88.99.0/24"],
    ["::", "::/128"],
    ["::1", "::1/128"],
    ["::7f00:1", "::/96"],
    ["::ffff:0:7f00:1", "::ffff:0:0:0/96"],
    ["fe80::1", "fe80::/10"],
    ["fec0::1", "fec0::/10"],
    ["fc00::1", "fc00::/7"],
    ["fd12:3456:789a::1", "fc00::/7"],
    ["ff02::1", "ff00::/8"],
    ["2001:db8::1", "2001:db8::/32"],
    ["3fff::1", "3fff::/20"],
    ["100::1", "100::/64"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::/32"],
    ["2001:2::1", "2001::/23"],
    ["64:ff9b:1::1", "64:ff9b:1::/48"],
    ["64:ff9b::7f00:1", "64:ff9b::/96"],
    ["64:ff9b::a00:1", "64:ff9b::/96"],
    ["2002:7f00:1::1", "2002::/16"],
    ["2002:c0a8:101::1", "2002::/16"],
    ["4000::1", "outside 2000::/3"],
    ["fe80::1%eth0", "zone index"],
    ["localhost", "not an IP address"],
    ["", "not an IP address"],
  ])("%s → blocked_target (%s)", (ip, range) => {
    const r = checkAddress(ip, NONE);
    expect(r).toMatchObject({ ok: false, code: "blocked_target", range });
  });

  it("classifies lenient spellings by what they mean", () => {
    for (const ip of ["0177.0.0.1", "0x7f000001", "2130706433", "127.1"]) {
      expect(checkAddress(ip, NONE)).toMatchObject({
        ok: false,
        code: "blocked_target",
        range: "127.0.0.0/8",
      });
    }
  });

  it("opens only the allowed ranges", () => {
    const policy = { allowCidrs: parseAllowCidrs("127.0.0.0/8, ::1/128") };
    expect(checkAddress("127.0.0.1", policy)).toEqual({ ok: true, address: "127.0.0.1" });
    expect(checkAddress("::ffff:127.0.0.2", policy)).toEqual({ ok: true, address: "127.0.0.2" });
    expect(checkAddress("::1", policy)).toEqual({ ok: true, address: "::1" });
    expect(checkAddress("10.0.0.1", policy)).toMatchObject({ ok: false, code: "private_address" });
    expect(checkAddress("169.254.169.254", policy)).toMatchObject({ ok: false, code: "blocked_target" });
  });
});

describe("parseAllowCidrs / policyFromEnv", () => {
  afterEach(() => vi.restoreAllMocks());

  it("parses comma-separated CIDRs and ignores empty entries", () => {
    expect(parseAllowCidrs(undefined)).toEqual([]);
    expect(parseAllowCidrs("")).toEqual([]);
    expect(parseAllowCidrs(" 127.0.0.0/8 ,, ::1/128, 10.1.0.0/16 ")).toEqual([
      "127.0.0.0/8",
      "::1/128",
      "10.1.0.0/16",
    ]);
  });

  it.each(["127.0.0.1", "banana", "10.0.0.0/33", "::1/129", "127.1/8", "0x7f000001/8", "10.0.0.0/8/8", "/8"])(
    "rejects %j with a clear error",
    (value) => {
      expect(() => parseAllowCidrs(value)).toThrow(AllowCidrsError);
      expect(() => parseAllowCidrs(`127.0.0.0/8,${value}`)).toThrow(
        /is not a CIDR range; write it like 127\.0\.0\.0\/8/,
      );
    },
  );

  it("defaults to nothing and logs an opened range", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(policyFromEnv({})).toEqual({ allowCidrs: [] });
    expect(warn).not.toHaveBeenCalled();
    expect(policyFromEnv({ SIP_CHECK_ALLOW_CIDRS: "127.0.0.0/8" })).toEqual({ allowCidrs: ["127.0.0.0/8"] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("127.0.0.0/8"));
    expect(() => policyFromEnv({ SIP_CHECK_ALLOW_CIDRS: "localhost" })).toThrow(AllowCidrsError);
  });
});

describe("checkPort", () => {
  it.each([5060, 5061, 5080, 1024, 15060, 65535])("allows %i", (port) => {
    expect(checkPort(port)).toEqual({ ok: true });
  });

  it.each([
    [22, "SSH"],
    [25, "SMTP"],
    [80, "HTTP"],
    [443, "HTTPS"],
    [2375, "Docker"],
    [3306, "MySQL"],
    [5038, "Asterisk Manager"],
    [5432, "PostgreSQL"],
    [6379, "Redis"],
    [8080, "HTTP"],
    [9200, "Elasticsearch"],
    [11211, "memcached"],
    [27017, "MongoDB"],
    [1883, "MQTT"],
    [4222, "NATS"],
    [5672, "RabbitMQ"],
    [25672, "RabbitMQ"],
    [2379, "etcd"],
    [6443, "Kubernetes"],
    [10250, "kubelet"],
    [2376, "Docker"],
    [8500, "Consul"],
    [1023, "system port"],
    [1, "system port"],
    [0, "not a valid port"],
    [65536, "not a valid port"],
    [5060.5, "not a valid port"],
  ])("refuses %i, saying %s", (port, why) => {
    const r = checkPort(port);
    expect(r).toMatchObject({ ok: false, code: "blocked_port" });
    if (!r.ok) expect(r.detail).toContain(why);
  });
});

describe("assertConnectAllowed", () => {
  it("passes a public literal on a SIP port", () => {
    expect(() => assertConnectAllowed("8.8.8.8", 5060, NONE)).not.toThrow();
  });

  it.each([
    ["127.0.0.1", 5060, "blocked_target"],
    ["10.0.0.1", 5060, "private_address"],
    ["8.8.8.8", 22, "blocked_port"],
    ["0x08080808", 5060, "blocked_target"],
    ["dns.google", 5060, "blocked_target"],
  ])("%s:%i → %s", (ip, port, code) => {
    let caught: unknown;
    try {
      assertConnectAllowed(ip, port, NONE);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AddressPolicyError);
    expect(caught).toMatchObject({ code });
  });
});
