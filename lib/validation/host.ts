/**
 * Strict syntax for the "SIP Domain" field: an LDH hostname or a canonical IP literal, with an
 * optional port. Browser-safe (the form uses it too): no server-only, no node imports.
 *
 * Strictness is a safety property: getaddrinfo/inet_aton quietly turn `127.1`, `0177.0.0.1`,
 * `0x7f000001` or `2130706433` into loopback, so anything that is not a plain dotted quad, a
 * plain IPv6 literal or a hostname whose last label is not numeric is refused before any lookup.
 */
import ipaddr from "ipaddr.js";

export type ParsedHost = { kind: "ipv4" | "ipv6"; address: string } | { kind: "name"; name: string };

export type HostInputResult =
  | { ok: true; host: ParsedHost; port?: number }
  | { ok: false; code: "invalid_host"; message: string };

const MAX_INPUT = 300;
const MAX_NAME = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
const CANONICAL_IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
// A label inet_aton or the WHATWG URL parser would read as a number (decimal, octal or hex).
const NUMERIC_LABEL = /^(?:[0-9]+|0x[0-9a-f]*)$/i;
const PORT = /^[1-9][0-9]{0,4}$/;
const IPV6_CHARS = /^[0-9a-f:.]+$/i;

function fail(message: string): HostInputResult {
  return { ok: false, code: "invalid_host", message };
}

/** Control characters, line and paragraph separators, anything outside printable ASCII. */
function forbiddenCharacter(raw: string): string | null {
  for (const ch of raw) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x0d || c === 0x0a) return "a line break";
    if (c === 0x00) return "a NUL character";
    if (c === 0x2028 || c === 0x2029) return "a Unicode line or paragraph separator";
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) return "a control character";
    if (c > 0x7e) return "a non-ASCII character (write an international domain in its xn-- form)";
  }
  return null;
}

export function isCanonicalIPv4(s: string): boolean {
  return CANONICAL_IPV4.test(s);
}

/** RFC 4291 §2.2 text form, without zone index; an embedded IPv4 part must be a canonical quad. */
export function canonicalIPv6(s: string): string | null {
  if (!IPV6_CHARS.test(s) || !s.includes(":")) return null;
  const lastColon = s.lastIndexOf(":");
  const tail = s.slice(lastColon + 1);
  if (tail.includes(".") && !isCanonicalIPv4(tail)) return null;
  if (s.slice(0, lastColon).includes(".")) return null;
  for (const group of s.split(":")) {
    if (!group.includes(".") && group.length > 4) return null;
  }
  if (!ipaddr.IPv6.isValid(s)) return null;
  try {
    return ipaddr.IPv6.parse(s).toRFC5952String();
  } catch {
    return null;
  }
}

function parsePort(raw: string): number | null {
  if (!PORT.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= 65535 ? n : null;
}

function checkName(raw: string): HostInputResult {
  const name = (raw.endsWith(".") ? raw.slice(0, -1) : raw).toLowerCase();
  if (name.length === 0) return fail("The SIP domain is empty.");
  if (name.length > MAX_NAME) return fail(`The SIP domain is longer than ${MAX_NAME} characters.`);
  const labels = name.split(".");
  const last = labels[labels.length - 1] ?? "";
  if (labels.every((l) => NUMERIC_LABEL.test(l)) || NUMERIC_LABEL.test(last)) {
    return fail(
      `"${raw}" is not a valid address. Write an IP address as four numbers from 0 to 255 without leading zeros (like 203.0.113.10), or use a hostname.`,
    );
  }
  for (const label of labels) {
    if (label.length === 0) return fail("The SIP domain has an empty part (two dots in a row?).");
    if (label.length > 63) return fail("A part of the SIP domain between dots is longer than 63 characters.");
    if (!LABEL.test(label)) {
      return fail(
        `"${label}" is not allowed in a domain name: use only letters, digits and hyphens, not at the start or end of a part.`,
      );
    }
  }
  return { ok: true, host: { kind: "name", name } };
}

function withPort(result: HostInputResult, portRaw: string | undefined): HostInputResult {
  if (!result.ok || portRaw === undefined) return result;
  const port = parsePort(portRaw);
  if (port === null) return fail(`"${portRaw}" is not a valid port: use a number from 1 to 65535.`);
  return { ...result, port };
}

/**
 * Parse what a person typed as the SIP domain: `host`, `host:port`, `a.b.c.d`, `a.b.c.d:port`,
 * `v6`, `[v6]` or `[v6]:port`. Surrounding spaces are ignored; everything else must be exact.
 */
export function parseHostInput(raw: string): HostInputResult {
  const bad = forbiddenCharacter(raw);
  if (bad !== null) return fail(`The SIP domain contains ${bad}.`);
  const input = raw.trim();
  if (input.length === 0) return fail("Enter the SIP domain.");
  if (input.length > MAX_INPUT) return fail(`The SIP domain is longer than ${MAX_NAME} characters.`);
  if (/\s/.test(input)) return fail("The SIP domain must not contain spaces.");
  if (input.includes("%")) return fail("IPv6 zone indexes (%…) are not allowed; use a public address.");

  if (input.startsWith("[")) {
    const m = /^\[([^\]]*)\](?::([^:]*))?$/.exec(input);
    if (!m) return fail("An IPv6 address in brackets must look like [2001:db8::1] or [2001:db8::1]:5060.");
    const address = canonicalIPv6(m[1] ?? "");
    if (address === null) return fail(`"${m[1] ?? ""}" is not a valid IPv6 address.`);
    return withPort({ ok: true, host: { kind: "ipv6", address } }, m[2]);
  }

  const colons = input.split(":").length - 1;
  if (colons > 1) {
    const address = canonicalIPv6(input);
    if (address === null) return fail(`"${input}" is not a valid IPv6 address.`);
    return { ok: true, host: { kind: "ipv6", address } };
  }

  const [hostPart, portRaw] = colons === 1 ? input.split(":") : [input, undefined];
  const host = hostPart ?? "";
  if (host.length === 0) return fail("Enter the SIP domain before the port.");
  if (isCanonicalIPv4(host)) return withPort({ ok: true, host: { kind: "ipv4", address: host } }, portRaw);
  return withPort(checkName(host), portRaw);
}
