/** Dates in the wizard: the viewer's language, medium date and short time. */
export function formatDateTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
}

/** Values for the form from a saved connection: the password field always starts empty. */
export function formValuesOf(c: {
  label: string;
  sipUsername: string;
  sipDomain: string;
  authUsername: string | null;
  transport: "auto" | "udp" | "tcp" | "tls";
  port: number | null;
  outboundProxy: string | null;
}) {
  return {
    label: c.label,
    sipUsername: c.sipUsername,
    sipPassword: "",
    sipDomain: c.sipDomain,
    authUsername: c.authUsername ?? "",
    transport: c.transport,
    port: c.port === null ? "" : String(c.port),
    outboundProxy: c.outboundProxy ?? "",
  };
}

/** An idempotency key for one create (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}
