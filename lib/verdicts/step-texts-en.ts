/** English step details: short, technical lines for the test ladder (providers and support read them). */
import type { CertProblem } from "./codes";
import type { FailedAttempt, SkipReason, StatusLine, StepTexts, WireReason } from "./step-details";

const up = (t: string) => t.toUpperCase();
const line = (s: StatusLine) => `${s.status} ${s.reason}`.trim();

const CERT: Record<CertProblem, string> = {
  expired: "the certificate has expired",
  not_yet_valid: "the certificate is not valid yet",
  self_signed: "the certificate is self-signed",
  wrong_host: "the certificate is for another host name",
  untrusted: "the certificate is not from a trusted authority",
  handshake: "the TLS handshake failed",
};

export function wireEn(r: WireReason): string {
  switch (r.kind) {
    case "refused":
      return r.transport === "udp"
        ? `UDP port ${r.port} refused (ICMP port unreachable)`
        : `port ${r.port} refused the connection`;
    case "connect_timeout":
      return `no answer to the TCP connection on port ${r.port}`;
    case "handshake_timeout":
      return "no TLS handshake within the time limit";
    case "handshake_failed":
      return `TLS handshake failed (${r.note})`;
    case "certificate":
      return `${CERT[r.problem]} (${r.note})`;
    case "cancelled":
      return "the test was cancelled";
    case "closed":
      return "the server closed the connection";
    case "socket_error":
      return `network error (${r.note})`;
    case "policy":
      return `not tested: ${r.note}`;
    case "no_answer":
      return `no answer to ${r.method} within ${r.budgetMs} ms${r.sends > 1 ? ` (sent ${r.sends} times)` : ""}`;
    case "incomplete":
      return `an incomplete reply (${r.bytes} bytes) when time ran out`;
    case "unreadable":
      return `an unreadable reply (${r.note})`;
    case "header_break":
      return `refused to send a header with a line break (${r.header})`;
  }
}

const attempt = (a: FailedAttempt) => `${up(a.transport)} ${a.address}:${a.port}: ${wireEn(a.reason)}`;
const fallbacks = (list: FailedAttempt[]) =>
  list.map((a) => `${up(a.transport)} failed (${wireEn(a.reason)}); `).join("");

const SKIP: Record<SkipReason, string> = {
  not_reached: "not reached",
  not_needed: "not needed",
  query_mode: "query mode: no registration was made",
  query_mode_nothing_bound: "query mode: nothing to remove",
  no_credentials_asked: "the PBX did not ask for credentials",
  devices_registered: "not sent: a device already uses this account and registering could log it out",
  register_answered: "not needed: the REGISTER was answered, so a SIP server listens",
};

const SOURCE = { literal: "IP address", naptr: "NAPTR", srv: "SRV", a: "A/AAAA" } as const;

export const STEP_EN: StepTexts = {
  host_invalid: (p) => `${p.field === "outbound_proxy" ? "outbound proxy: " : ""}${p.note}`,
  resolve_failed: (p) => `${p.host}: ${p.note}`,
  resolved: (p) => {
    const shown = p.targets
      .map((t) => `${t.address}:${t.port} ${up(t.transport)} (${SOURCE[t.source]})`)
      .join(", ");
    const more = p.more > 0 ? ` and ${p.more} more` : "";
    const ignored = p.ignored > 0 ? `; ignored ${p.ignored} private or reserved answer(s)` : "";
    return `${p.host} → ${shown}${more}${ignored}`;
  },
  ports: (p) =>
    `${p.address}: ${p.ports.map((x) => `${x.port}/${x.transport} ${x.state.replace("_", " ")}`).join(", ")}`,
  sip_answered: (p) => `${fallbacks(p.fallbacks)}${up(p.transport)}: ${line(p)}`,
  no_sip_answer: (p) => `${fallbacks(p.fallbacks)}${wireEn(p.reason)}`,
  attempts_failed: (p) =>
    p.attempts.length === 0
      ? "no transport could be tried"
      : p.attempts
          .map((a, i) => (i === 0 ? attempt(a) : `${up(a.transport)}: ${wireEn(a.reason)}`))
          .join("; "),
  challenged: (p) =>
    `${line(p)}: realm "${p.realm}", ${p.algorithm}${p.qop.length ? `, qop ${p.qop.join(",")}` : ""}`,
  auth_unsupported: (p) =>
    `${line(p)}: unsupported authentication (${p.offered.join(", ") || "no challenge"})`,
  open_registration: (p) => `${line(p)}: accepted without asking for credentials`,
  sip_response: (p) => line(p),
  redirect_failed: (p) =>
    `${line(p)}${p.to ? ` to ${p.to}` : " without a usable Contact"}${p.note ? `: ${p.note}` : ""}`,
  not_sent_rate_limited: (p) =>
    `not sent: too many recent logins to this PBX; retry in ${p.retryAfterSeconds} s`,
  algorithm_unsupported: (p) => `the PBX asks for ${p.algorithm} authentication`,
  wire_failed: (p) => wireEn(p.reason),
  credentials_rejected: (p) => `${line(p)}${p.again ? " again: credentials rejected" : ""}`,
  registration_refused: (p) => `${line(p)}: registration refused; not sent again`,
  credentials_accepted: (p) =>
    `${line(p)}: credentials accepted; ${
      p.bindings.length > 0
        ? `${p.bindings.length} device(s) already registered`
        : "no existing registrations"
    }`,
  bound: (p) => `${line(p)}: registered for ${p.expires} s`,
  binding_evicted: (p) =>
    `${line(p)}, but the PBX dropped another device's registration: ${p.vanished
      .map((b) => `${b.uri}${b.expires !== null ? ` (had ${b.expires} s left)` : ""}`)
      .join(", ")}`,
  unbound: (p) => `${line(p)}: test registration removed`,
  skipped: (p) => `${fallbacks(p.fallbacks ?? [])}${SKIP[p.why]}`,
};
