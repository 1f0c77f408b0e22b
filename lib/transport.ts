/**
 * SIP transports (RFC 3261 §18; TLS per RFC 5630 §3), and a connection's transport setting:
 * "auto" lets RFC 3263 §4.1 (NAPTR, then SRV) choose. Browser-safe and import-free, so the
 * database schema, the engine and the form all read the same lists.
 */
export const TRANSPORTS = ["udp", "tcp", "tls"] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const TRANSPORT_CHOICES = ["auto", ...TRANSPORTS] as const;
export type TransportChoice = (typeof TRANSPORT_CHOICES)[number];
