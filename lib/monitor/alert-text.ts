/**
 * The words of a health alert, in English and Dutch (informal "je"), from one state change.
 * Pure: the mail sender and the webhook payload both use it. The verdict's advice comes from
 * lib/verdicts (the one source of advice texts).
 */
import { adviceFor, type Locale } from "@/lib/verdicts/advice";
import { isVerdict } from "@/lib/verdicts/codes";
import type { HealthState, TransitionReason } from "./health";

export type AlertFacts = {
  connectionLabel: string;
  domain: string;
  fromState: HealthState;
  toState: HealthState;
  reason: TransitionReason | string;
  verdict: string | null;
  at: Date;
  /** Where the PBX was reached (transport:address:port), if it was. */
  target: string | null;
  /** Our public source addresses, for the whitelist advice; empty when not configured. */
  sourceAddresses: string[];
  connectionUrl: string;
};

const STATE: Record<Locale, Record<HealthState, string>> = {
  en: { unknown: "not checked yet", healthy: "healthy", degraded: "degraded", down: "down" },
  nl: { unknown: "nog niet gecontroleerd", healthy: "gezond", degraded: "verstoord", down: "onbereikbaar" },
};

const REASON: Record<Locale, Record<TransitionReason, string>> = {
  en: {
    first_check: "The first check after activation succeeded.",
    check_failed: "A registration check failed.",
    repeated_failures: "Three registration checks in a row failed.",
    credentials_rejected:
      "The phone system rejected the SIP password. We have stopped checking this connection so the phone system does not block us; checks start again as soon as the SIP details are changed.",
    probably_banned:
      "The phone system answered our earlier checks but now does not answer at all. It has probably blocked (banned) our address after failed logins.",
    recovered: "Registration checks succeed again.",
  },
  nl: {
    first_check: "De eerste controle na activering is gelukt.",
    check_failed: "Een registratiecontrole is mislukt.",
    repeated_failures: "Drie registratiecontroles achter elkaar zijn mislukt.",
    credentials_rejected:
      "De telefooncentrale heeft het SIP-wachtwoord geweigerd. We controleren deze verbinding niet meer, zodat de centrale ons niet blokkeert; zodra je de SIP-gegevens wijzigt, beginnen de controles weer.",
    probably_banned:
      "De telefooncentrale antwoordde eerst wel, maar nu helemaal niet meer. Waarschijnlijk heeft ze ons adres geblokkeerd na mislukte aanmeldingen.",
    recovered: "De registratiecontroles lukken weer.",
  },
};

function reasonText(locale: Locale, reason: string): string {
  return (REASON[locale] as Record<string, string>)[reason] ?? reason;
}

function whitelist(locale: Locale, f: AlertFacts): string {
  const ours = f.sourceAddresses.length > 0 ? f.sourceAddresses.join(", ") : null;
  const where = f.target ? ` (${f.target})` : "";
  if (locale === "nl") {
    return ours
      ? `Vraag je telecomleverancier om ${ours} op de whitelist van de centrale${where} te zetten (fail2ban, de 3CX-blacklist) en de blokkade op te heffen.`
      : `Vraag je telecomleverancier om de adressen van Phone Connection (bij onze support op te vragen) op de whitelist van de centrale${where} te zetten en de blokkade op te heffen.`;
  }
  return ours
    ? `Ask your telecom provider to whitelist ${ours} on the phone system${where} (fail2ban, the 3CX blacklist) and to lift the ban.`
    : `Ask your telecom provider to whitelist Phone Connection's addresses (our support team has them) on the phone system${where} and to lift the ban.`;
}

export type AlertText = { subject: string; text: string };

export function alertText(locale: Locale, f: AlertFacts): AlertText {
  const s = STATE[locale];
  const subject = `${f.connectionLabel}: ${s[f.toState]} (was ${s[f.fromState]})`;
  const lines = [
    locale === "nl"
      ? `Verbinding "${f.connectionLabel}" (${f.domain}) is nu ${s[f.toState]}, was ${s[f.fromState]}.`
      : `Connection "${f.connectionLabel}" (${f.domain}) is now ${s[f.toState]}, was ${s[f.fromState]}.`,
    reasonText(locale, f.reason),
  ];
  if (f.verdict && isVerdict(f.verdict) && f.verdict !== "registered") {
    const a = adviceFor(f.verdict, locale, { domain: f.domain });
    lines.push("", a.title, a.explanation, a.action);
  }
  if (f.reason === "probably_banned") lines.push("", whitelist(locale, f));
  lines.push("", `${locale === "nl" ? "Tijd" : "Time"}: ${f.at.toISOString()}`, f.connectionUrl);
  return { subject, text: lines.join("\n") };
}

/** One mail for everyone: English, then Dutch. */
export function bilingualAlert(f: AlertFacts): AlertText {
  const en = alertText("en", f);
  const nl = alertText("nl", f);
  return { subject: en.subject, text: `${en.text}\n\n— Nederlands —\n\n${nl.text}` };
}
