/** Paste helpers for SIP addresses (browser-safe, no dependencies). */

export type SipAddressParts = {
  username: string;
  domain: string;
  port?: number;
  /** From a `;transport=` URI parameter (RFC 3261 19.1.1). */
  transport?: "udp" | "tcp" | "tls";
};

/**
 * RFC 3261 20.10 name-addr: `[display-name] <addr-spec>`, the display name a token sequence or a
 * quoted string (which may itself hold `<`, `>` or an escaped quote).
 */
const NAME_ADDR = /^\s*(?:"(?:[^"\\]|\\.)*"|[^"<>]*)\s*<([^<>]*)>\s*$/;
/** addr-spec: `[sip(s):]user@host[:port][;params][?headers]`; a stray `>` from a partial copy is allowed. */
const ADDR_SPEC = /^\s*(?:sips?:)?([^@\s:;<>"]+)@([^\s;>?]+?)(?::(\d{1,5}))?([;?>].*)?\s*$/i;

/**
 * A SIP address pasted into a field → its parts, so a paste from a provider's e-mail fills the
 * form: `sip:1050@pbx.example.com:5062`, `1050@pbx.example.com`, `<sip:1050@pbx.example.com>`,
 * `"Reception" <sip:1050@pbx.example.com:5062;transport=tcp>`. Returns null when the text is not
 * a SIP URI, user@host or name-addr.
 */
export function splitSipAddress(text: string): SipAddressParts | null {
  const inner = NAME_ADDR.exec(text)?.[1] ?? text;
  const m = ADDR_SPEC.exec(inner);
  if (!m?.[1] || !m[2]) return null;
  const parts: SipAddressParts = { username: m[1], domain: m[2] };
  if (m[3]) parts.port = Number(m[3]);
  // URI parameters come before any `?headers`.
  const params = (m[4] ?? "").split("?")[0] ?? "";
  const transport = /;\s*transport=(udp|tcp|tls)\s*(?:;|$)/i.exec(params)?.[1];
  if (transport) parts.transport = transport.toLowerCase() as SipAddressParts["transport"];
  return parts;
}

/** `pbx.example.com:5080` typed into SIP Domain → the host and the port, for the Port field. */
export function splitHostPort(text: string): { host: string; port?: number } {
  const t = text.trim();
  const v6 = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(t);
  if (v6?.[1]) return v6[2] ? { host: v6[1], port: Number(v6[2]) } : { host: v6[1] };
  const m = /^([^:]+):(\d{1,5})$/.exec(t);
  if (m?.[1] && m[2]) return { host: m[1], port: Number(m[2]) };
  return { host: t };
}
