/** Nederlandse stapdetails: korte, technische regels voor de testladder (informeel: "je"). */
import type { CertProblem } from "./codes";
import type { FailedAttempt, SkipReason, StatusLine, StepTexts, WireReason } from "./step-details";

const up = (t: string) => t.toUpperCase();
const line = (s: StatusLine) => `${s.status} ${s.reason}`.trim();

const CERT: Record<CertProblem, string> = {
  expired: "het certificaat is verlopen",
  not_yet_valid: "het certificaat is nog niet geldig",
  self_signed: "het certificaat is door de centrale zelf ondertekend",
  wrong_host: "het certificaat hoort bij een andere hostnaam",
  untrusted: "het certificaat komt niet van een vertrouwde instantie",
  handshake: "de TLS-handshake mislukte",
};

const PORT_STATE = {
  open: "open",
  closed: "dicht",
  filtered: "gefilterd",
  not_checked: "niet gecontroleerd",
};

export function wireNl(r: WireReason): string {
  switch (r.kind) {
    case "refused":
      return r.transport === "udp"
        ? `UDP-poort ${r.port} geweigerd (ICMP port unreachable)`
        : `poort ${r.port} weigerde de verbinding`;
    case "connect_timeout":
      return `geen antwoord op de TCP-verbinding met poort ${r.port}`;
    case "handshake_timeout":
      return "geen TLS-handshake binnen de tijdslimiet";
    case "handshake_failed":
      return `TLS-handshake mislukt (${r.note})`;
    case "certificate":
      return `${CERT[r.problem]} (${r.note})`;
    case "cancelled":
      return "de test is afgebroken";
    case "closed":
      return "de server verbrak de verbinding";
    case "socket_error":
      return `netwerkfout (${r.note})`;
    case "policy":
      return `niet getest: ${r.note}`;
    case "no_answer":
      return `geen antwoord op ${r.method} binnen ${r.budgetMs} ms${r.sends > 1 ? ` (${r.sends} keer verstuurd)` : ""}`;
    case "incomplete":
      return `een onvolledig antwoord (${r.bytes} bytes) toen de tijd om was`;
    case "unreadable":
      return `een onleesbaar antwoord (${r.note})`;
    case "header_break":
      return `header met een regeleinde niet verstuurd (${r.header})`;
  }
}

const attempt = (a: FailedAttempt) => `${up(a.transport)} ${a.address}:${a.port}: ${wireNl(a.reason)}`;
const fallbacks = (list: FailedAttempt[]) =>
  list.map((a) => `${up(a.transport)} mislukt (${wireNl(a.reason)}); `).join("");

const SKIP: Record<SkipReason, string> = {
  not_reached: "niet bereikt",
  not_needed: "niet nodig",
  query_mode: "querymodus: er is niets aangemeld",
  query_mode_nothing_bound: "querymodus: er is niets te verwijderen",
  no_credentials_asked: "de centrale vroeg niet om inloggegevens",
  devices_registered:
    "niet verstuurd: er gebruikt al een toestel dit account en een aanmelding kan dat toestel afmelden",
  register_answered: "niet nodig: de REGISTER kreeg antwoord, er luistert dus een SIP-server",
};

const SOURCE = { literal: "IP-adres", naptr: "NAPTR", srv: "SRV", a: "A/AAAA" } as const;

export const STEP_NL: StepTexts = {
  host_invalid: (p) => `${p.field === "outbound_proxy" ? "outbound proxy: " : ""}${p.note}`,
  resolve_failed: (p) => `${p.host}: ${p.note}`,
  resolved: (p) => {
    const shown = p.targets
      .map((t) => `${t.address}:${t.port} ${up(t.transport)} (${SOURCE[t.source]})`)
      .join(", ");
    const more = p.more > 0 ? ` en nog ${p.more}` : "";
    const ignored = p.ignored > 0 ? `; ${p.ignored} privé- of gereserveerde antwoord(en) genegeerd` : "";
    return `${p.host} → ${shown}${more}${ignored}`;
  },
  ports: (p) =>
    `${p.address}: ${p.ports.map((x) => `${x.port}/${x.transport} ${PORT_STATE[x.state]}`).join(", ")}`,
  sip_answered: (p) => `${fallbacks(p.fallbacks)}${up(p.transport)}: ${line(p)}`,
  no_sip_answer: (p) => `${fallbacks(p.fallbacks)}${wireNl(p.reason)}`,
  attempts_failed: (p) =>
    p.attempts.length === 0
      ? "geen enkel transport kon worden geprobeerd"
      : p.attempts
          .map((a, i) => (i === 0 ? attempt(a) : `${up(a.transport)}: ${wireNl(a.reason)}`))
          .join("; "),
  challenged: (p) =>
    `${line(p)}: realm "${p.realm}", ${p.algorithm}${p.qop.length ? `, qop ${p.qop.join(",")}` : ""}`,
  auth_unsupported: (p) =>
    `${line(p)}: niet-ondersteunde authenticatie (${p.offered.join(", ") || "geen challenge"})`,
  open_registration: (p) => `${line(p)}: geaccepteerd zonder om inloggegevens te vragen`,
  sip_response: (p) => line(p),
  redirect_failed: (p) =>
    `${line(p)}${p.to ? ` naar ${p.to}` : " zonder bruikbare Contact"}${p.note ? `: ${p.note}` : ""}`,
  not_sent_rate_limited: (p) =>
    `niet verstuurd: te veel recente aanmeldingen bij deze centrale; probeer het over ${p.retryAfterSeconds} s opnieuw`,
  algorithm_unsupported: (p) => `de centrale vraagt om ${p.algorithm}-authenticatie`,
  wire_failed: (p) => wireNl(p.reason),
  credentials_rejected: (p) => `${line(p)}${p.again ? " opnieuw: inloggegevens geweigerd" : ""}`,
  registration_refused: (p) => `${line(p)}: aanmelding geweigerd; niet opnieuw verstuurd`,
  credentials_accepted: (p) =>
    `${line(p)}: inloggegevens geaccepteerd; ${
      p.bindings.length > 0 ? `${p.bindings.length} toestel(len) al aangemeld` : "geen bestaande aanmeldingen"
    }`,
  bound: (p) => `${line(p)}: aangemeld voor ${p.expires} s`,
  binding_evicted: (p) =>
    `${line(p)}, maar de centrale meldde een ander toestel af: ${p.vanished
      .map((b) => `${b.uri}${b.expires !== null ? ` (had nog ${b.expires} s)` : ""}`)
      .join(", ")}`,
  unbound: (p) => `${line(p)}: testaanmelding verwijderd`,
  skipped: (p) => `${fallbacks(p.fallbacks ?? [])}${SKIP[p.why]}`,
};
