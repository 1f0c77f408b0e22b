/**
 * Advice sentences that depend on the PBX family or on what happened earlier in the test
 * (docs/pbx-behaviour.md). Each returns null when the general text applies.
 */
import { isAsteriskBased, PBX_NAMES } from "./codes";
import type { TextFacts as AdviceFacts } from "./types";

const product = (f: AdviceFacts) => (f.pbxFamily ? PBX_NAMES[f.pbxFamily] : "");

/** Asterisk answers a wrong password, an unknown extension and a refused address alike. */
export function asteriskLoginEn(f: AdviceFacts): string | null {
  if (!isAsteriskBased(f.pbxFamily)) return null;
  return `The PBX (${product(f)}) turned down the login. ${product(f)} answers three different problems the same way: a wrong password, an extension that does not exist, or an extension whose permit/deny list excludes our address.`;
}
export function asteriskLoginNl(f: AdviceFacts): string | null {
  if (!isAsteriskBased(f.pbxFamily)) return null;
  return `De centrale (${product(f)}) wees de aanmelding af. ${product(f)} geeft op drie verschillende problemen hetzelfde antwoord: een verkeerd wachtwoord, een toestel dat niet bestaat, of een toestel waarvan de permit/deny-lijst ons adres uitsluit.`;
}
export function asteriskLoginActionEn(f: AdviceFacts): string | null {
  if (!isAsteriskBased(f.pbxFamily)) return null;
  return "Check the SIP username (the extension number) and the password. If both are right, ask your telecom provider whether the extension exists and whether its permit/deny list allows the Phone Connection addresses. We stopped after one attempt so that the PBX does not block us.";
}
export function asteriskLoginActionNl(f: AdviceFacts): string | null {
  if (!isAsteriskBased(f.pbxFamily)) return null;
  return "Controleer de SIP-gebruikersnaam (het toestelnummer) en het wachtwoord. Kloppen ze allebei, vraag je telecomprovider dan of het toestel bestaat en of de permit/deny-lijst de adressen van Phone Connection toelaat. We zijn na één poging gestopt, zodat de centrale ons niet blokkeert.";
}
/** The same, to the provider, who can look at the extension themselves. */
export function asteriskLoginActionProviderEn(f: AdviceFacts): string | null {
  if (!isAsteriskBased(f.pbxFamily)) return null;
  return "Check that the extension exists with exactly this username, its password, and that its permit/deny list allows the Phone Connection addresses. We stopped after one attempt so that the PBX does not block us.";
}
export function asteriskLoginActionProviderNl(f: AdviceFacts): string | null {
  if (!isAsteriskBased(f.pbxFamily)) return null;
  return "Controleer of het toestel met precies deze gebruikersnaam bestaat, wat het wachtwoord is, en of de permit/deny-lijst de adressen van Phone Connection toelaat. We zijn na één poging gestopt, zodat de centrale ons niet blokkeert.";
}

/** A refusal after the credentials were accepted: about the registration, not the password. */
export function refusedAfterLoginEn(f: AdviceFacts, status: string): string | null {
  if (!f.credentialsAccepted) return null;
  const why = isAsteriskBased(f.pbxFamily)
    ? `On ${product(f)} this happens when the extension has no AOR (no place to register), or when its contact permit/deny list excludes our address.`
    : "It does not allow a registration from our address or for our contact address.";
  return `The PBX accepted the username and password, then refused the registration itself${status ? ` (${status})` : ""}. ${why}`;
}
export function refusedAfterLoginNl(f: AdviceFacts, status: string): string | null {
  if (!f.credentialsAccepted) return null;
  const why = isAsteriskBased(f.pbxFamily)
    ? `Bij ${product(f)} gebeurt dat als het toestel geen AOR heeft (geen plek om zich aan te melden), of als de permit/deny-lijst voor contactadressen ons adres uitsluit.`
    : "Ze staat geen aanmelding toe vanaf ons adres of voor ons contactadres.";
  return `De centrale accepteerde de gebruikersnaam en het wachtwoord, maar weigerde daarna de aanmelding zelf${status ? ` (${status})` : ""}. ${why}`;
}
