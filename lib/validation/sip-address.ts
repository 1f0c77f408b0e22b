/** Paste helpers for SIP addresses (browser-safe, no dependencies). */

/**
 * `sip:1050@pbx.example.com:5062` pasted into a field → its parts, so a paste from a provider's
 * e-mail fills the form. Returns null when the text is not a SIP URI or user@host.
 */
export function splitSipAddress(text: string): { username: string; domain: string; port?: number } | null {
  const m = /^\s*(?:sips?:)?([^@\s:;]+)@([^\s;>?]+?)(?::(\d{1,5}))?(?:[;?>].*)?\s*$/i.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const port = m[3] ? Number(m[3]) : undefined;
  return port === undefined ? { username: m[1], domain: m[2] } : { username: m[1], domain: m[2], port };
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
