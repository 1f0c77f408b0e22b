/**
 * Paste-friendly input (browser-safe; the form and the server both use it): a SIP address pasted
 * into SIP Username or SIP Domain is split into its parts, and `host:port` in SIP Domain moves the
 * port into Port. Pure functions over plain strings.
 */
import { splitHostPort, splitSipAddress } from "@/lib/validation/sip-address";

export type PasteFill = {
  sipUsername?: string;
  sipDomain?: string;
  port?: string;
  transport?: "udp" | "tcp" | "tls";
};

/**
 * `sip:1050@pbx.example.com:5062` or `"Reception" <sip:1050@pbx.example.com;transport=tcp>` →
 * the fields it names; null when the text is no SIP address.
 */
export function fillFromSipAddress(text: string): PasteFill | null {
  const t = text.trim();
  if (!t.includes("@")) return null;
  const parts = splitSipAddress(t);
  if (!parts) return null;
  const fill: PasteFill = { sipUsername: parts.username, sipDomain: parts.domain };
  if (parts.port !== undefined) fill.port = String(parts.port);
  if (parts.transport !== undefined) fill.transport = parts.transport;
  return fill;
}

/**
 * `pbx.example.com:5080` → domain `pbx.example.com`, port `5080`. A port already typed into Port
 * wins only when it is the same; otherwise the domain's port replaces it (it was typed last).
 * Returns null when the domain carries no port.
 */
export function splitDomainPort(domain: string): { sipDomain: string; port: string } | null {
  const { host, port } = splitHostPort(domain);
  if (port === undefined || host === "") return null;
  return { sipDomain: host, port: String(port) };
}

/** Server side: the same normalisation on parsed values, so a raw POST behaves like the form. */
export function normaliseDomainAndPort<T extends { sipDomain: string; port?: number }>(v: T): T {
  const split = splitHostPort(v.sipDomain);
  if (split.port === undefined) return v;
  return { ...v, sipDomain: split.host, port: v.port ?? split.port };
}

/**
 * What a person typed (not pasted) into SIP Username or SIP Domain, normalised the way a paste
 * is: a SIP address in SIP Domain fills username, domain, port and transport; `sip:host` loses
 * its scheme; `host:port` moves the port. In SIP Username only an unmistakable SIP address
 * (`sip:` or a numeric extension before the @) is split; anything else is left for validation to
 * explain. Null when there is nothing to change.
 */
export function fillFromTyped(field: "sipUsername" | "sipDomain", raw: string): PasteFill | null {
  const text = raw.trim();
  if (text.includes("@")) {
    const sure = field === "sipDomain" || /^\s*(?:sips?:|"|<|\d+@)/i.test(text);
    return sure ? fillFromSipAddress(text) : null;
  }
  if (field !== "sipDomain") return null;
  const scheme = /^(sips?):(?!\/\/)/i.exec(text);
  const host = scheme ? text.slice(scheme[0].length) : text;
  const split = splitDomainPort(host);
  const fill: PasteFill = split ? { sipDomain: split.sipDomain, port: split.port } : { sipDomain: host };
  // RFC 3261 19.1: a sips: URI means TLS.
  if (scheme?.[1]?.toLowerCase() === "sips") fill.transport = "tls";
  return scheme || split ? fill : null;
}
