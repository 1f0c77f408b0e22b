/**
 * Builds the requests we send (REGISTER, OPTIONS). Every value that lands in a header passes
 * `headerSafe`: a CR, LF or NUL would let input inject headers or end the message early.
 */
import "server-only";

export type UriHost = { host: string; port?: number };

export type RequestSpec = {
  method: "REGISTER" | "OPTIONS";
  requestUri: string;
  /** RFC 3261 18.1.1 / RFC 3581: our real address and port, and `;rport` so NAT shows. */
  via: { transport: "UDP" | "TCP" | "TLS"; host: string; port: number; branch: string };
  from: { uri: string; tag: string };
  to: { uri: string };
  callId: string;
  cseq: number;
  /** RFC 3261 8.1.1.1 / 16.12: a pre-existing route set, e.g. `<sip:proxy.example.com;lr>`. */
  route?: string;
  contact?: string;
  expires?: number;
  authorization?: { name: "Authorization" | "Proxy-Authorization"; value: string };
  userAgent: string;
};

export type BuildResult =
  | { ok: true; text: string }
  | { ok: false; code: "unsafe_header_value"; header: string };

const UNSAFE = /[\r\n\0]/;

export function headerSafe(value: string): boolean {
  return !UNSAFE.test(value);
}

/** `[2001:db8::1]` for IPv6 hosts in URIs and Via (RFC 3261 25.1 IPv6reference). */
export function hostForUri(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

// RFC 3261 25.1 user = 1*( unreserved / escaped / user-unreserved ); everything else is %-escaped.
const USER_SAFE = /[A-Za-z0-9\-_.!~*'()&=+$,;?/]/;

export function escapeUser(user: string): string {
  let out = "";
  for (const byte of Buffer.from(user, "utf8")) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && USER_SAFE.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

export function sipUri(user: string | null, target: UriHost): string {
  const host = hostForUri(target.host) + (target.port ? `:${target.port}` : "");
  return user === null ? `sip:${host}` : `sip:${escapeUser(user)}@${host}`;
}

export function buildRequest(spec: RequestSpec): BuildResult {
  const headers: Array<[string, string]> = [
    [
      "Via",
      `SIP/2.0/${spec.via.transport} ${hostForUri(spec.via.host)}:${spec.via.port};branch=${spec.via.branch};rport`,
    ],
    ["Max-Forwards", "70"],
    ["From", `<${spec.from.uri}>;tag=${spec.from.tag}`],
    ["To", `<${spec.to.uri}>`],
    ["Call-ID", spec.callId],
    ["CSeq", `${spec.cseq} ${spec.method}`],
  ];
  if (spec.route !== undefined) headers.push(["Route", spec.route]);
  if (spec.contact !== undefined) headers.push(["Contact", spec.contact]);
  if (spec.expires !== undefined) headers.push(["Expires", String(spec.expires)]);
  if (spec.authorization) headers.push([spec.authorization.name, spec.authorization.value]);
  if (spec.method === "OPTIONS") headers.push(["Accept", "application/sdp"]);
  headers.push(["User-Agent", spec.userAgent], ["Content-Length", "0"]);

  if (!headerSafe(spec.requestUri)) return { ok: false, code: "unsafe_header_value", header: "Request-URI" };
  for (const [name, value] of headers) {
    if (!headerSafe(value)) return { ok: false, code: "unsafe_header_value", header: name };
  }
  const lines = headers.map(([name, value]) => `${name}: ${value}`);
  return { ok: true, text: `${spec.method} ${spec.requestUri} SIP/2.0\r\n${lines.join("\r\n")}\r\n\r\n` };
}
