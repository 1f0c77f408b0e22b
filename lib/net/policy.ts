/**
 * Address and port policy: the SSRF guard. Only public unicast addresses pass, unless
 * SIP_CHECK_ALLOW_CIDRS opens a range (tests, development). Every transport calls
 * assertConnectAllowed immediately before opening a socket, as a second line of defence after
 * resolveSipTarget has already filtered the answers.
 */
import "server-only";
import ipaddr from "ipaddr.js";
import { canonicalIPv6, isCanonicalIPv4 } from "@/lib/validation/host";
import { checkPort } from "./port-policy";

export { checkPort, type PortCheck } from "./port-policy";

export type AddressPolicy = { allowCidrs: ReadonlyArray<string> };

export type AddressCode = "private_address" | "blocked_target";

export type AddressCheck =
  | { ok: true; address: string }
  | { ok: false; code: AddressCode; range: string; detail: string };

/** Thrown by assertConnectAllowed; carries a stable code. */
export class AddressPolicyError extends Error {
  readonly code: AddressCode | "blocked_port";
  readonly detail: string;
  constructor(code: AddressCode | "blocked_port", detail: string) {
    super(`${code}: ${detail}`);
    this.name = "AddressPolicyError";
    this.code = code;
    this.detail = detail;
  }
}

/** Thrown for a malformed SIP_CHECK_ALLOW_CIDRS: a configuration error must stop the process. */
export class AllowCidrsError extends Error {
  readonly code = "invalid_allow_cidrs";
  constructor(message: string) {
    super(message);
    this.name = "AllowCidrsError";
  }
}

type Rule = { cidr: string; code: AddressCode; what: string };
const P = "private_address" as const;
const B = "blocked_target" as const;

// IANA special-purpose registries (RFC 6890 and successors). Most specific entries first.
const V4_RULES: Rule[] = [
  { cidr: "0.0.0.0/8", code: B, what: "“this network” / unspecified (RFC 1122)" },
  { cidr: "10.0.0.0/8", code: P, what: "a private network (RFC 1918)" },
  { cidr: "100.64.0.0/10", code: P, what: "carrier-grade NAT space (RFC 6598)" },
  { cidr: "127.0.0.0/8", code: B, what: "loopback" },
  {
    cidr: "169.254.0.0/16",
    code: B,
    what: "link-local, including cloud metadata 169.254.169.254 (RFC 3927)",
  },
  { cidr: "172.16.0.0/12", code: P, what: "a private network (RFC 1918)" },
  { cidr: "192.0.0.0/24", code: B, what: "IETF protocol assignments (RFC 6890)" },
  { cidr: "192.0.2.0/24", code: B, what: "documentation TEST-NET-1 (RFC 5737)" },
  { cidr: "192.31.196.0/24", code: B, what: "AS112 (RFC 7535)" },
  { cidr: "192.52.193.0/24", code: B, what: "AMT (RFC 7450)" },
  { cidr: "192.88.99.0/24", code: B, what: "6to4 relay anycast (RFC 7526)" },
  { cidr: "192.168.0.0/16", code: P, what: "a private network (RFC 1918)" },
  { cidr: "192.175.48.0/24", code: B, what: "AS112 (RFC 7534)" },
  { cidr: "198.18.0.0/15", code: B, what: "benchmarking (RFC 2544)" },
  { cidr: "198.51.100.0/24", code: B, what: "documentation TEST-NET-2 (RFC 5737)" },
  { cidr: "203.0.113.0/24", code: B, what: "documentation TEST-NET-3 (RFC 5737)" },
  { cidr: "224.0.0.0/4", code: B, what: "multicast" },
  { cidr: "255.255.255.255/32", code: B, what: "broadcast" },
  { cidr: "240.0.0.0/4", code: B, what: "reserved (RFC 1112)" },
];

const V6_RULES: Rule[] = [
  { cidr: "::/128", code: B, what: "unspecified" },
  { cidr: "::1/128", code: B, what: "loopback" },
  { cidr: "::/96", code: B, what: "IPv4-compatible (deprecated, RFC 4291 §2.5.5.1)" },
  { cidr: "::ffff:0:0:0/96", code: B, what: "IPv4-translated (RFC 6145)" },
  { cidr: "64:ff9b:1::/48", code: B, what: "local-use NAT64 (RFC 8215)" },
  { cidr: "100::/64", code: B, what: "discard-only (RFC 6666)" },
  { cidr: "2001::/32", code: B, what: "Teredo tunnel (RFC 4380)" },
  { cidr: "2001::/23", code: B, what: "IETF protocol assignments (RFC 2928)" },
  { cidr: "2001:db8::/32", code: B, what: "documentation (RFC 3849)" },
  { cidr: "3fff::/20", code: B, what: "documentation (RFC 9637)" },
  { cidr: "5f00::/16", code: B, what: "segment routing SIDs (RFC 9602)" },
  { cidr: "fc00::/7", code: B, what: "unique local (RFC 4193)" },
  { cidr: "fe80::/10", code: B, what: "link-local" },
  { cidr: "fec0::/10", code: B, what: "site-local (deprecated, RFC 3879)" },
  { cidr: "ff00::/8", code: B, what: "multicast" },
];

type Parsed = { rule: Rule; net: [ipaddr.IPv4 | ipaddr.IPv6, number] };
const parseRules = (rules: Rule[]): Parsed[] =>
  rules.map((rule) => ({ rule, net: ipaddr.parseCIDR(rule.cidr) }));
const V4 = parseRules(V4_RULES);
const V6 = parseRules(V6_RULES);
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");
const NAT64 = ipaddr.parseCIDR("64:ff9b::/96");
const SIX_TO_FOUR = ipaddr.parseCIDR("2002::/16");

/** Parse SIP_CHECK_ALLOW_CIDRS: comma-separated CIDRs (`127.0.0.0/8, ::1/128`); empty means none. */
export function parseAllowCidrs(value: string | undefined): string[] {
  if (value === undefined || value.trim() === "") return [];
  const out: string[] = [];
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const slash = entry.indexOf("/");
    const addr = slash < 0 ? entry : entry.slice(0, slash);
    const strictAddr = isCanonicalIPv4(addr) || canonicalIPv6(addr) !== null;
    if (slash < 0 || !strictAddr || !ipaddr.isValidCIDR(entry)) {
      throw new AllowCidrsError(
        `SIP_CHECK_ALLOW_CIDRS: "${entry}" is not a CIDR range; write it like 127.0.0.0/8 or ::1/128, separated by commas.`,
      );
    }
    const [net, bits] = ipaddr.parseCIDR(entry);
    out.push(`${net.toString()}/${bits}`);
  }
  return out;
}

let loggedAllow: string | null = null;

/** The policy from the environment. Default opens nothing; an opened range is logged once. */
export function policyFromEnv(env: Record<string, string | undefined> = process.env): AddressPolicy {
  const allowCidrs = parseAllowCidrs(env.SIP_CHECK_ALLOW_CIDRS);
  const key = allowCidrs.join(",");
  if (allowCidrs.length > 0 && loggedAllow !== key) {
    loggedAllow = key;
    console.warn(`[net/policy] SIP_CHECK_ALLOW_CIDRS opens non-public ranges for SIP checks: ${key}`);
  }
  return { allowCidrs };
}

function inAllowList(addr: ipaddr.IPv4 | ipaddr.IPv6, policy: AddressPolicy): boolean {
  for (const cidr of policy.allowCidrs) {
    const net = ipaddr.parseCIDR(cidr);
    if (net[0].kind() === addr.kind() && addr.match(net)) return true;
  }
  return false;
}

function fromRule(rule: Rule, shown: string): AddressCheck {
  const detail =
    rule.code === "private_address"
      ? `${shown} is ${rule.what}, not reachable from the internet`
      : `${shown} is ${rule.what}; SIP checks may only connect to public addresses`;
  return { ok: false, code: rule.code, range: rule.cidr, detail };
}

function classifyV4(addr: ipaddr.IPv4, shown: string): AddressCheck {
  for (const { rule, net } of V4) if (addr.match(net)) return fromRule(rule, shown);
  if (addr.range() !== "unicast") {
    return { ok: false, code: B, range: addr.range(), detail: `${shown} is not a public unicast address` };
  }
  return { ok: true, address: addr.toString() };
}

function embeddedV4(addr: ipaddr.IPv6): ipaddr.IPv4 {
  const p = addr.parts;
  // 6to4 carries the IPv4 address in bits 16–47 (RFC 3056 §2); NAT64 in the last 32 (RFC 6052 §2.2).
  const [hi, lo] = addr.match(SIX_TO_FOUR) ? [p[1] ?? 0, p[2] ?? 0] : [p[6] ?? 0, p[7] ?? 0];
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

function classifyV6(addr: ipaddr.IPv6, shown: string): AddressCheck {
  for (const { rule, net } of V6) if (addr.match(net)) return fromRule(rule, shown);
  if (addr.match(NAT64) || addr.match(SIX_TO_FOUR)) {
    const inner = embeddedV4(addr);
    const verdict = classifyV4(inner, inner.toString());
    if (!verdict.ok) {
      const range = addr.match(NAT64) ? "64:ff9b::/96" : "2002::/16";
      return { ok: false, code: B, range, detail: `${shown} embeds ${inner.toString()}: ${verdict.detail}` };
    }
    return { ok: true, address: addr.toRFC5952String() };
  }
  if (!addr.match(GLOBAL_UNICAST_V6)) {
    return {
      ok: false,
      code: B,
      range: "outside 2000::/3",
      detail: `${shown} is not a global unicast address`,
    };
  }
  return { ok: true, address: addr.toRFC5952String() };
}

/**
 * Classify one IP address. IPv4-mapped IPv6 (::ffff:a.b.c.d) is unwrapped first, so it cannot
 * smuggle a private IPv4 past the IPv6 rules. Lenient spellings (0177.0.0.1) are classified by
 * what they mean; names and zone indexes are refused.
 */
export function checkAddress(ip: string, policy: AddressPolicy): AddressCheck {
  if (ip.includes("%")) {
    return { ok: false, code: B, range: "zone index", detail: `${ip} carries an IPv6 zone index` };
  }
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(ip);
  } catch {
    return { ok: false, code: B, range: "not an IP address", detail: `"${ip}" is not an IP address` };
  }
  const address = addr.kind() === "ipv4" ? addr.toString() : (addr as ipaddr.IPv6).toRFC5952String();
  if (inAllowList(addr, policy)) return { ok: true, address };
  return addr.kind() === "ipv4"
    ? classifyV4(addr as ipaddr.IPv4, address)
    : classifyV6(addr as ipaddr.IPv6, address);
}

/**
 * Last check before a socket opens. Requires an exact IP literal (so the socket layer never does
 * a lookup of its own) that passes checkAddress, and an allowed port.
 */
export function assertConnectAllowed(ip: string, port: number, policy: AddressPolicy): void {
  if (!isCanonicalIPv4(ip) && canonicalIPv6(ip) === null) {
    throw new AddressPolicyError(
      "blocked_target",
      `"${ip}" is not an IP literal; connect only to checked addresses`,
    );
  }
  const address = checkAddress(ip, policy);
  if (!address.ok) throw new AddressPolicyError(address.code, address.detail);
  const portOk = checkPort(port);
  if (!portOk.ok) throw new AddressPolicyError(portOk.code, portOk.detail);
}
