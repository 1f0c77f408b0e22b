/** Nederlandse adviesteksten. Eenvoudig houden: wat er gebeurde, wat er moet veranderen en door wie. */
import type { AdviceFacts, AdviceTexts } from "./advice";
import { formatDate } from "./format";
import { asteriskLoginActionNl, asteriskLoginNl, refusedAfterLoginNl } from "./texts-pbx";

const DeCentrale = (f: AdviceFacts) =>
  f.domain ? `De telefooncentrale op ${f.domain}` : "De telefooncentrale";
const poort = (f: AdviceFacts) =>
  f.port ? `poort ${f.port}${f.transport ? ` (${f.transport.toUpperCase()})` : ""}` : "de SIP-poort";
const status = (f: AdviceFacts) => (f.statusCode ? `${f.statusCode}${f.reason ? ` ${f.reason}` : ""}` : "");

function tlsProbleem(f: AdviceFacts): string {
  const voor = f.certSubject ? ` (uitgegeven aan ${f.certSubject})` : "";
  switch (f.certProblem) {
    case "expired":
      return `Het certificaat van de telefooncentrale${voor} is verlopen${f.certExpiry ? ` op ${formatDate(f.certExpiry)}` : ""}.`;
    case "not_yet_valid":
      return `Het certificaat van de telefooncentrale${voor} is nog niet geldig: de begindatum ligt in de toekomst.`;
    case "self_signed":
      return `Het certificaat van de telefooncentrale${voor} is door de centrale zelf ondertekend: geen enkele instantie die wij vertrouwen staat ervoor in.`;
    case "wrong_host":
      return `Het certificaat van de telefooncentrale${voor} hoort niet bij ${f.domain ?? "het ingevulde SIP-domein"}.`;
    case "untrusted":
      return `Het certificaat van de telefooncentrale${voor} is niet uitgegeven door een instantie die wij vertrouwen, of de certificaatketen is onvolledig.`;
    default:
      return "De beveiligde (TLS-)verbinding met de telefooncentrale mislukte al voordat er SIP-berichten uitgewisseld konden worden.";
  }
}

const wanneer = (f: AdviceFacts) =>
  f.retryAfterSeconds
    ? ` Over ${f.retryAfterSeconds} seconden kunt u opnieuw testen${f.retryAt ? ` (om ${f.retryAt.slice(11, 16)} UTC)` : ""}.`
    : "";

export const NL: AdviceTexts = {
  redirected_elsewhere: {
    title: "De telefooncentrale stuurde ons naar een andere server",
    explanation: (f) =>
      `${f.domain ? `De telefooncentrale op ${f.domain}` : "De telefooncentrale"} stuurde de aanmelding door naar ${f.redirectTarget ?? "een andere server"}. Een opgeslagen wachtwoord gaat alleen naar de server waarvoor het is ingevoerd, dus daar hebben we niet aangemeld.`,
    action: (f) =>
      `Klopt ${f.redirectTarget ? `"${f.redirectTarget}"` : "die server"}? Vul die dan in als SIP-domein, typ het wachtwoord opnieuw en test.`,
  },
  registered: {
    title: "Het account werkt",
    explanation: (f) =>
      `${DeCentrale(f)} heeft de gebruikersnaam en het wachtwoord geaccepteerd${f.transport ? ` via ${f.transport.toUpperCase()}` : ""}. Uw AI Colleague kan zich erbij aanmelden.`,
    action: () => "U hoeft niets te veranderen. U kunt de koppeling activeren.",
  },
  wrong_credentials: {
    title: "Gebruikersnaam of wachtwoord niet geaccepteerd",
    explanation: (f) =>
      asteriskLoginNl(f) ??
      `${DeCentrale(f)} antwoordde, maar wees de inloggegevens af${f.realm ? ` voor "${f.realm}"` : ""}. Let op: bij sommige centrales (bijvoorbeeld 3CX) is de authenticatie-ID niet hetzelfde als het toestelnummer.`,
    action: (f) =>
      asteriskLoginActionNl(f) ??
      "Controleer de SIP-gebruikersnaam, het wachtwoord en, als uw provider die heeft gegeven, de authenticatie-ID. Neem ze precies over, zonder spaties. Wij zijn na één poging gestopt zodat de centrale ons niet blokkeert; test pas opnieuw nadat u alles hebt gecontroleerd.",
  },
  unknown_user: {
    title: "Account niet gevonden",
    explanation: (f) => `${DeCentrale(f)} meldt dat deze SIP-gebruikersnaam niet bestaat.`,
    action: () =>
      "Controleer de SIP-gebruikersnaam (vaak het toestelnummer) en het SIP-domein. Kloppen beide, vraag dan uw telecomprovider het account aan te maken of de juiste naam door te geven.",
  },
  forbidden: {
    title: "De centrale staat dit account van buitenaf niet toe",
    explanation: (f) =>
      refusedAfterLoginNl(f, status(f)) ??
      `${DeCentrale(f)} kent het account, maar weigert dat het zich vanaf onze kant aanmeldt${f.statusCode ? ` (${status(f)})` : ""}. Veel centrales laten toestellen alleen binnen het kantoornetwerk toe, of alleen vanaf bekende adressen of telefoonmodellen, zoals de 3CX-instelling "disallow use of extension outside the LAN" of een IP-beperking in Yeastar.`,
    action: () =>
      "Vraag uw telecomprovider of de beheerder van de centrale dit toestel toe te staan zich van buiten het kantoornetwerk aan te melden, vanaf de adressen van Phone Connection.",
  },
  account_in_use: {
    title: "Dit account is al in gebruik",
    explanation: (f) =>
      f.evictedContact
        ? `Toen wij ons aanmeldden, meldde ${f.domain ?? "de centrale"} een ander toestel af (${f.evictedContact}${f.evictedExpires ? `, nog ${f.evictedExpires} seconden aangemeld` : ""}). Dat toestel krijgt geen gesprekken tot het zich opnieuw aanmeldt.`
        : f.bindings
          ? `${DeCentrale(f)} heeft al ${f.bindings > 1 ? `${f.bindings} toestellen` : "een toestel"} met dit account aangemeld. Als de AI Colleague zich ook aanmeldt, kan dat toestel worden afgemeld; daarom hebben wij ons niet aangemeld.`
          : `${DeCentrale(f)} weigerde nog een aanmelding voor dit account${f.statusCode ? ` (${status(f)})` : ""}: er mogen niet meer toestellen op dan er al gebruik van maken.`,
    action: (f) =>
      `Geef uw AI Colleague een eigen SIP-account (toestel); vraag uw telecomprovider erom.${f.evictedContact ? " Herstart dat toestel of laat het zich opnieuw aanmelden, zodat het weer gesprekken krijgt." : ""}`,
  },
  not_registrar: {
    title: "Dit adres neemt geen aanmeldingen aan",
    explanation: (f) =>
      `De server op ${f.domain ?? "dit adres"} antwoordde ${status(f) || "met een foutmelding"} op onze aanmelding. Hij verwerkt wel gesprekken, maar is geen registrar: waarschijnlijk is dit het adres van een SIP-trunk en niet van een toestel op een telefooncentrale.`,
    action: () =>
      "Vraag uw telecomprovider om het aanmeldadres (registrar) voor een SIP-toestel of SIP-account, niet dat van een trunk.",
  },
  dns_failed: {
    title: "Het SIP-domein is niet gevonden",
    explanation: (f) =>
      `We konden ${f.domain ? `"${f.domain}"` : "het SIP-domein"} niet vinden in DNS: er is geen SIP-dienst (NAPTR- of SRV-record) en geen adres (A- of AAAA-record) voor.`,
    action: () =>
      "Controleer de spelling van het SIP-domein en neem het precies over zoals uw provider het gaf, zonder sip: en zonder spaties. Klopt het, vraag dan uw provider of de naam in de openbare DNS staat.",
  },
  private_address: {
    title: "Dit is een adres binnen een kantoornetwerk",
    explanation: (f) =>
      `${f.domain ? `"${f.domain}"` : "Het SIP-domein"} is, of verwijst naar, een privé-netwerkadres (zoals 192.168.x.x of 10.x.x.x). Zo'n adres werkt alleen binnen het gebouw; vanaf internet is het voor niemand bereikbaar.`,
    action: () =>
      "Vraag uw telecomprovider om het openbare adres of de openbare hostnaam van de telefooncentrale, en gebruik dat als SIP-domein.",
  },
  blocked_target: {
    title: "Dit adres testen wij niet",
    explanation: (f) =>
      `${f.domain ? `"${f.domain}"` : "Het SIP-domein"} verwijst naar een adres of poort waarmee wij om veiligheidsredenen nooit verbinden: een lokaal, gereserveerd of bijzonder adres, of een poort van andere diensten.`,
    action: () =>
      "Vul de openbare hostnaam van uw telefooncentrale en de SIP-poort in, precies zoals uw telecomprovider ze gaf.",
  },
  unreachable: {
    title: "De centrale luistert daar niet",
    explanation: (f) =>
      `${DeCentrale(f)} weigerde de verbinding op ${poort(f)}. Ofwel luistert de centrale niet op die poort en dat transport, ofwel weigert een firewall SIP.`,
    action: () =>
      "Controleer de poort en het transport (UDP, TCP of TLS) die uw provider opgaf. Kloppen die, dan moet uw provider de centrale daar laten luisteren en SIP door de firewall laten.",
  },
  timeout: {
    title: "Geen antwoord van de centrale",
    explanation: (f) =>
      `We stuurden SIP naar ${f.domain ?? "de telefooncentrale"} op ${poort(f)}, maar kregen op tijd geen antwoord. Meestal gooit een firewall SIP ongemerkt weg. Soms heeft de centrale ons adres geblokkeerd na eerdere mislukte aanmeldingen.`,
    action: (f) =>
      `Vraag uw telecomprovider ${poort(f)} open te zetten voor SIP vanaf de adressen van Phone Connection, en na te gaan of ons adres niet op de blokkeerlijst van de centrale staat (fail2ban, de 3CX-blacklist).`,
  },
  tls_failed: {
    title: "De beveiligde (TLS-)verbinding mislukte",
    explanation: (f) => tlsProbleem(f),
    action: (f) =>
      `Uw provider moet een geldig certificaat installeren voor ${f.domain ?? "de hostnaam van de centrale"}, bijvoorbeeld van Let's Encrypt. Tot die tijd kunt u UDP of TCP kiezen in plaats van TLS.`,
  },
  server_error: {
    title: "De centrale meldt een probleem",
    explanation: (f) =>
      `${DeCentrale(f)} antwoordde ${status(f) || "met een serverfout"}: een tijdelijk probleem of een instellingsprobleem bij de provider, niet in uw gegevens.${f.retryAfterSeconds ? ` De centrale vroeg het over ${f.retryAfterSeconds} seconden opnieuw te proberen.` : ""}`,
    action: (f) =>
      `Probeer het later opnieuw. Blijft het gebeuren, stuur dan deze uitslag${f.statusCode ? ` en de code ${f.statusCode}` : ""} naar uw telecomprovider.`,
  },
  unsupported_auth: {
    title: "De centrale gebruikt een aanmeldmethode die wij niet ondersteunen",
    explanation: (f) =>
      `${DeCentrale(f)} vraagt om ${f.algorithm ? `de methode "${f.algorithm}"` : "een aanmeldmethode"}, die wij niet kunnen gebruiken. Wij ondersteunen digest-authenticatie met MD5, MD5-sess, SHA-256 en SHA-512-256.`,
    action: () =>
      "Vraag uw telecomprovider digest-authenticatie met MD5 of SHA-256 toe te staan voor dit account.",
  },
  protocol_error: {
    title: "Op deze poort antwoordt iets anders dan SIP",
    explanation: (f) =>
      `Het antwoord van ${f.domain ?? "de server"} op ${poort(f)} was geen geldige SIP: onleesbaar, onjuist opgebouwd of te groot. Waarschijnlijk luistert er een andere dienst (bijvoorbeeld een webserver) op die poort, of verminkt een apparaat onderweg het verkeer.`,
    action: () =>
      "Controleer het poortnummer en het transport. De gebruikelijke SIP-poorten zijn 5060 voor UDP en TCP, en 5061 voor TLS.",
  },
  rate_limited: {
    title: "Even te veel tests",
    explanation: (f) =>
      f.refusal === "rejected_before"
        ? "De centrale heeft precies deze inloggegevens al geweigerd. Geweigerde gegevens sturen wij nooit opnieuw, zodat uw centrale ons adres niet blokkeert (fail2ban); dat zou elke klant op die centrale treffen."
        : f.refusal === "test_limit"
          ? `U hebt een limiet bereikt voor het aantal tests (per verbinding, per adres of per organisatie), zodat de tester niet misbruikt kan worden.${wanneer(f)}`
          : `Om te voorkomen dat uw centrale ons blokkeert, sturen wij hoogstens 2 mislukte aanmeldingen in 11 minuten naar één centrale, wie er ook test.${wanneer(f)}`,
    action: (f) =>
      f.refusal === "rejected_before"
        ? "Controleer de gebruikersnaam en het wachtwoord, vul de verbeterde gegevens in en test opnieuw: gewijzigde gegevens kunt u meteen testen."
        : "Controleer intussen de gebruikersnaam en het wachtwoord nog een keer en test dan opnieuw.",
  },

  existing_binding: {
    title: "Dit account wordt al door een toestel gebruikt",
    explanation: (f) =>
      `De centrale heeft al ${f.bindings && f.bindings > 1 ? `${f.bindings} toestellen` : "een toestel"} met dit account aangemeld, zoals een bureautelefoon of een softphone-app.`,
    action: () =>
      "Geef uw AI Colleague een eigen SIP-account (toestel). Als twee toestellen één account delen, kan de centrale er één afmelden of gesprekken naar het verkeerde toestel sturen.",
  },
  realm_mismatch: {
    title: "De centrale gebruikt een eigen realm-naam",
    explanation: (f) =>
      `De centrale noemt haar aanmeldrealm "${f.realm ?? "?"}", niet "${f.domain ?? "?"}". Dat is normaal: Asterisk en FreePBX noemen die "asterisk", 3CX en andere gebruiken een eigen naam. De realm is geen domein om in te vullen.`,
    action: () =>
      "Laat het SIP-domein precies zoals uw provider het gaf. Blijft de aanmelding mislukken, vraag uw provider dan welke gebruikersnaam, authenticatie-ID en welk wachtwoord bij dit account horen.",
  },
  nat_rewrite: {
    title: "Een router herschrijft de SIP-berichten",
    explanation: () =>
      "De centrale zag onze berichten binnenkomen vanaf een ander adres of een andere poort dan wij gebruikten. Een router of firewall tussen ons en de centrale herschrijft SIP (vaak een functie die SIP ALG heet). Gesprekken komen dan soms tot stand zonder geluid, of vallen na ongeveer 30 seconden weg.",
    action: () =>
      "Vraag uw telecomprovider of netwerkbeheerder SIP ALG (SIP-helper) uit te zetten op de router vóór de telefooncentrale.",
  },
  self_signed_cert: {
    title: "De centrale gebruikt een zelfondertekend certificaat",
    explanation: (f) =>
      `Het certificaat op de TLS-poort van de centrale${f.certSubject ? ` (uitgegeven aan ${f.certSubject})` : ""} is niet ondertekend door een instantie die wij vertrouwen. Beveiligde (TLS-)verbindingen zijn daardoor niet mogelijk.`,
    action: (f) =>
      `Uw provider kan het beste een certificaat van een vertrouwde instantie installeren voor ${f.domain ?? "de hostnaam van de centrale"}. Gebruik tot die tijd UDP of TCP.`,
  },
  transport_fallback: {
    title: (f) => `Werkt alleen via ${f.transport ? f.transport.toUpperCase() : "een ander transport"}`,
    explanation: (f) =>
      `Het transport dat we eerst probeerden werkte niet, maar ${f.transport ? f.transport.toUpperCase() : "een ander transport"} wel. Uw AI Colleague gebruikt ${f.transport ? f.transport.toUpperCase() : "dat transport"}.`,
    action: () =>
      "U hoeft niets te veranderen. Had u verwacht dat een ander transport zou werken, vraag uw provider dan de firewall na te kijken.",
  },
  interval_too_brief: {
    title: "De centrale wil langere aanmeldingen",
    explanation: (f) =>
      `De centrale wil dat een aanmelding minstens ${f.minExpires ?? "een minimum aantal"} seconden geldig is (423 Interval Too Brief). Wij hebben dat automatisch aangepast.`,
    action: () => "U hoeft niets te veranderen.",
  },
  redirected: {
    title: "De centrale stuurde ons door naar een ander adres",
    explanation: (f) =>
      `${f.domain ?? "De server"} stuurde de aanmelding door naar ${f.redirectTarget ?? "een ander adres"}.`,
    action: (f) =>
      `Gebruik ${f.redirectTarget ? `"${f.redirectTarget}"` : "het nieuwe adres"} als SIP-domein, zodat tests en gesprekken daar direct naartoe gaan.`,
  },
  private_answers_ignored: {
    title: "DNS noemt ook privé-adressen",
    explanation: (f) =>
      `Sommige DNS-records van ${f.domain ?? "het SIP-domein"} verwijzen naar privé- of gereserveerde adressen. Die hebben wij genegeerd; we gebruikten de openbare.`,
    action: () => "U hoeft niets te veranderen. Uw provider kan de privé-adressen uit de openbare DNS halen.",
  },
  options_unanswered: {
    title: "De centrale negeert statuscontroles",
    explanation: () =>
      "De centrale beantwoordde ons SIP OPTIONS-bericht (een statuscontrole) niet, maar wel de aanmelding. Sommige centrales negeren deze berichten bewust.",
    action: () =>
      "Meestal hoeft u niets te veranderen. Vallen gesprekken onverwacht weg, vraag uw provider dan SIP OPTIONS te beantwoorden.",
  },
  auth_not_required: {
    title: "Er was geen wachtwoord nodig",
    explanation: () =>
      "De centrale accepteerde de aanmelding zonder om het wachtwoord te vragen, dus het wachtwoord kon niet gecontroleerd worden. Waarschijnlijk vertrouwt de centrale ons adres.",
    action: () =>
      "Vraag uw telecomprovider of dit zo bedoeld is; normaal gesproken vraagt een toestel om zijn wachtwoord.",
  },
  unregister_failed: {
    title: "De testaanmelding is niet verwijderd",
    explanation: (f) =>
      `We konden onze testaanmelding niet van de centrale verwijderen. Ze verloopt vanzelf${f.expiresSeconds ? ` binnen ${f.expiresSeconds} seconden` : ""}.`,
    action: () => "U hoeft niets te veranderen.",
  },
  cert_expires_soon: {
    title: "Het certificaat van de centrale verloopt binnenkort",
    explanation: (f) =>
      `Het TLS-certificaat van de centrale${f.certSubject ? ` (uitgegeven aan ${f.certSubject})` : ""} verloopt${f.certExpiry ? ` op ${formatDate(f.certExpiry)}` : " binnen enkele weken"}. Daarna mislukken beveiligde verbindingen.`,
    action: () => "Vraag uw telecomprovider het certificaat op tijd te vernieuwen.",
  },
};
