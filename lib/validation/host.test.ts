import { describe, expect, it } from "vitest";
import { parseHostInput } from "./host";

describe("parseHostInput accepts", () => {
  it.each([
    ["pbx.example.com", { kind: "name", name: "pbx.example.com" }, undefined],
    ["PBX.Example.COM.", { kind: "name", name: "pbx.example.com" }, undefined],
    ["  sip.provider.nl  ", { kind: "name", name: "sip.provider.nl" }, undefined],
    ["sip.provider.nl:5080", { kind: "name", name: "sip.provider.nl" }, 5080],
    ["xn--bcher-kva.example", { kind: "name", name: "xn--bcher-kva.example" }, undefined],
    ["a-b.c0.example", { kind: "name", name: "a-b.c0.example" }, undefined],
    ["1.example.com", { kind: "name", name: "1.example.com" }, undefined],
    ["localhost", { kind: "name", name: "localhost" }, undefined],
    ["8.8.8.8", { kind: "ipv4", address: "8.8.8.8" }, undefined],
    ["0.0.0.0", { kind: "ipv4", address: "0.0.0.0" }, undefined],
    ["192.168.1.1:5060", { kind: "ipv4", address: "192.168.1.1" }, 5060],
    ["255.255.255.255", { kind: "ipv4", address: "255.255.255.255" }, undefined],
    ["2001:4860:4860::8888", { kind: "ipv6", address: "2001:4860:4860::8888" }, undefined],
    ["2001:4860:4860:0:0:0:0:8888", { kind: "ipv6", address: "2001:4860:4860::8888" }, undefined],
    ["[2001:4860:4860::8888]", { kind: "ipv6", address: "2001:4860:4860::8888" }, undefined],
    ["[2001:4860:4860::8888]:5061", { kind: "ipv6", address: "2001:4860:4860::8888" }, 5061],
    ["::1", { kind: "ipv6", address: "::1" }, undefined],
    ["[::ffff:127.0.0.1]", { kind: "ipv6", address: "::ffff:7f00:1" }, undefined],
  ])("%s", (raw, host, port) => {
    const r = parseHostInput(raw);
    expect(r).toEqual(port === undefined ? { ok: true, host } : { ok: true, host, port });
  });

  it("accepts a 253-character name", () => {
    const name = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
    expect(name).toHaveLength(253);
    expect(parseHostInput(name).ok).toBe(true);
  });
});

describe("parseHostInput rejects", () => {
  it.each([
    // Spellings getaddrinfo/inet_aton would quietly turn into an address.
    "127.1",
    "0177.0.0.1",
    "0x7f000001",
    "2130706433",
    "0",
    "012.0.0.1",
    "127.0.0.01",
    "127.000.000.001",
    "0x7f.0.0.1",
    "0x7f.1",
    "127.0.1",
    "1.2.3.4.5",
    "256.1.1.1",
    "0.0.0.0.",
    "foo.123",
    "foo.0x1f",
    "0xdeadbeef",
    // IPv6 oddities.
    "[127.0.0.1]",
    "[::1",
    "::1]",
    "fe80::1%eth0",
    "[fe80::1%25eth0]",
    "::ffff:0177.0.0.1",
    "::ffff:127.1",
    "1::2::3",
    "00000::1",
    "[::1]:",
    "[::1]:0",
    "[::1]x",
    // Names.
    "",
    "   ",
    "-pbx.example.com",
    "pbx-.example.com",
    "pbx..example.com",
    "pbx_1.example.com",
    "_sip._udp.example.com",
    "pbx example.com",
    `${"a".repeat(64)}.example.com`,
    `${"a.".repeat(127)}com`,
    "bücher.example",
    "１２７.０.０.１",
    "127。0。0。1",
    "user@pbx.example.com",
    "sip:pbx.example.com",
    "pbx.example.com/path",
    // Ports.
    "pbx.example.com:",
    "pbx.example.com:0",
    "pbx.example.com:65536",
    "pbx.example.com:05060",
    "pbx.example.com:50x0",
    "pbx.example.com:5060:5060",
  ])("%j", (raw) => {
    const r = parseHostInput(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("invalid_host");
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ["pbx.example.com\r\nVia: evil", "line break"],
    ["pbx.example.com\n", "line break"],
    ["\rpbx.example.com", "line break"],
    ["pbx.exa\u0000mple.com", "NUL"],
    ["pbx.example.com\u2028", "separator"],
    ["pbx.example.com\u2029", "separator"],
    ["pbx.example.com\t", "control"],
    ["pbx.example.com\u0085", "control"],
    ["pbx.example.com\u007f", "control"],
  ])("%j with a message naming the character", (raw, word) => {
    const r = parseHostInput(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(word);
  });

  it("explains the canonical form for numeric look-alikes", () => {
    const r = parseHostInput("0177.0.0.1");
    expect(r.ok || r.message).toMatch(/four numbers from 0 to 255/);
  });
});
