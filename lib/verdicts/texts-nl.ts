/**
 * Nederlandse adviesteksten, in de je-vorm. Eenvoudig houden: wat er gebeurde, wat er moet
 * veranderen en door wie.
 */
import { formatDate } from "./format";
import {
  asteriskLoginActionNl,
  asteriskLoginActionProviderNl,
  asteriskLoginNl,
  refusedAfterLoginNl,
} from "./texts-pbx";
import type { TextFacts as AdviceFacts, AdviceTexts } from "./types";

const DeCentrale = (f: AdviceFacts) =>
  f.domain ? `De telefooncentrale op ${f.domain}` : "De telefooncentrale";
const poort = (f: AdviceFacts) =>
  f.port ? `poort ${f.port}${f.transport ? ` (${f.transport.toUpperCase()})` : ""}` : "de SIP-poort";
/** "poort 5080 (UDP) voor SIP", of de gebruikelijke SIP-poorten als de test er geen kent. */
const sipPoorten = (f: AdviceFacts) =>
  f.port ? `${poort(f)} voor SIP` : "de SIP-poorten (5060 voor UDP en TCP, 5061 voor TLS)";
const status = (f: AdviceFacts) => (f.statusCode ? `${f.statusCode}${f.reason ? ` ${f.reason}` : ""}` : "");
/** "gebruiker 1050 op pbx.example.com": het account, niet de realm, herkent de lezer. */
const account = (f: AdviceFacts) =>
  f.username
    ? `gebruiker ${f.username}${f.domain ? ` op ${f.domain}` : ""}`
    : f.domain
      ? `het account op ${f.domain}`
      : "het account";
/** Vanaf waar de tester verbindt, of eerlijk dat die lijst hier nog niet is ingesteld. */
const vanafOns = (f: AdviceFacts) =>
  f.firewall && f.firewall.signalling.length > 0
    ? `vanaf de adressen van Phone Connection (${f.firewall.signalling.join(", ")})`
    : "vanaf de adressen van Phone Connection (de providerhandleiding noemt ze zodra ze zijn ingesteld; tot dan geeft de support van Phone Connection ze door)";

function tlsProbleem(f: AdviceFacts): string {
  const voor = f.certSubject ? ` (uitgegeven aan ${f.certSubject})` : "";
  switch (f.certProblem) {
    case "expired":
      return `Het certificaat van de telefooncentrale${voor} is verlopen${f.certExpiry ? ` op ${formatDate(f.certExpiry)}` : ""}.`;
    case "not_yet_valid":
      return `Het certificaat van de telefooncentrale${voor} is nog niet geldig: de begindatum ligt in de toekomst.`;
    case "self_signed":
      return `Het certificaat van de telefooncentrale${voor} is door de centrale zelf ondertekend: geen instantie die wij vertrouwen staat ervoor in.`;
    case "wrong_host":
      return `Het certificaat van de telefooncentrale${voor} hoort niet bij ${f.domain ?? "het ingevulde SIP-domein"}.`;
    case "untrusted":
      return `Het certificaat van de telefooncentrale${voor} komt niet van een instantie die wij vertrouwen, of de certificaatketen is onvolledig.`;
    default:
      return "De beveiligde (TLS-)verbinding met de telefooncentrale mislukte al voordat er SIP-berichten uitgewisseld konden worden.";
  }
}

const wanneer = (f: AdviceFacts) =>
  f.retryAfterSeconds
    ? ` Over ${f.retryAfterSeconds} seconden kun je opnieuw testen${f.retryAt ? ` (om ${f.retryAt.slice(11, 16)} UTC)` : ""}.`
    : "";

export const NL: AdviceTexts = {
  redirected_elsewhere: {
    title: "De telefooncentrale stuurde ons naar een andere server",
    explanation: (f) =>
      `${DeCentrale(f)} stuurde de aanmelding door naar ${f.redirectTarget ?? "een andere server"}. Een opgeslagen wachtwoord gaat alleen naar de server waarvoor het is ingevoerd, dus daar hebben we niet aangemeld.`,
    action: (f) =>
      `Klopt ${f.redirectTarget ? `"${f.redirectTarget}"` : "die server"}? Vul die dan in als SIP-domein, typ het wachtwoord opnieuw en test.`,
  },
  registered: {
    title: "Het account werkt",
    explanation: (f) =>
      `${DeCentrale(f)} heeft de gebruikersnaam en het wachtwoord geaccepteerd${f.transport ? ` via ${f.transport.toUpperCase()}` : ""}. Je AI Colleague kan zich erbij aanmelden.`,
    action: () => "Je hoeft niets te veranderen. Je kunt de koppeling nu activeren.",
    provider: {
      explanation: (f) =>
        `${DeCentrale(f)} heeft de gebruikersnaam en het wachtwoord geaccepteerd${f.transport ? ` via ${f.transport.toUpperCase()}` : ""}. De AI Colleague van je klant kan zich erbij aanmelden.`,
      action: () => "Je hoeft niets te veranderen. Je klant kan de koppeling nu activeren.",
    },
  },
  wrong_credentials: {
    title: "Inloggegevens niet geaccepteerd",
    explanation: (f) =>
      asteriskLoginNl(f) ??
      `${DeCentrale(f)} antwoordde, maar accepteerde het wachtwoord voor ${account(f)} niet. Bij sommige centrales (bijvoorbeeld 3CX) is de authenticatie-ID niet hetzelfde als het toestelnummer.`,
    action: (f) =>
      asteriskLoginActionNl(f) ??
      "Controleer de SIP-gebruikersnaam, het SIP-wachtwoord en, als je provider die gaf, de authenticatie-ID (onder Geavanceerde instellingen). Neem ze precies over, zonder spaties; na opslaan loopt de test opnieuw.",
    provider: {
      action: (f) =>
        asteriskLoginActionProviderNl(f) ??
        `Controleer op de centrale het wachtwoord van ${account(f)}, en de authenticatie-ID als de centrale een aparte gebruikt. Vul ze opnieuw precies in, zonder spaties. We zijn na één poging gestopt, zodat de centrale (fail2ban, de 3CX-blacklist) ons niet blokkeert.`,
    },
  },
  unknown_user: {
    title: "Account niet gevonden",
    explanation: (f) =>
      `${DeCentrale(f)} meldt dat ${f.username ? `gebruiker ${f.username}` : "deze SIP-gebruikersnaam"} niet bestaat.`,
    action: () =>
      "Controleer de SIP-gebruikersnaam (vaak het toestelnummer) en het SIP-domein. Kloppen ze allebei, vraag je telecomprovider dan het account aan te maken of je de precieze naam te geven.",
    provider: {
      action: () =>
        "Controleer of het SIP-account met precies deze naam op de centrale bestaat, of maak het aan. Logt de centrale in met een aparte authenticatie-ID, vul die dan in onder Geavanceerde instellingen.",
    },
  },
  forbidden: {
    title: "De centrale laat dit account niet van buitenaf toe",
    explanation: (f) =>
      refusedAfterLoginNl(f, status(f)) ??
      `${DeCentrale(f)} kent het account, maar weigert dat het zich vanaf onze kant aanmeldt${f.statusCode ? ` (${status(f)})` : ""}. Veel centrales laten toestellen alleen binnen het kantoornetwerk toe, of alleen vanaf bekende adressen of telefoonmodellen, zoals de 3CX-instelling "Disallow use of extension outside the LAN" of een IP-beperking in Yeastar.`,
    action: (f) =>
      `Vraag je telecomprovider of de beheerder van de centrale om dit toestel toe te staan zich van buiten het kantoornetwerk aan te melden, ${vanafOns(f)}.`,
    provider: {
      action: (f) =>
        `Sta toe dat dit toestel zich van buiten het kantoornetwerk aanmeldt, ${vanafOns(f)}: zet in 3CX "Disallow use of extension outside the LAN" uit; hef in Yeastar de IP-beperking op of voeg onze adressen eraan toe.`,
    },
  },
  account_in_use: {
    title: "Dit account is al in gebruik",
    explanation: (f) =>
      f.evictedContact
        ? `Toen we ons aanmeldden, meldde ${f.domain ?? "de centrale"} een ander toestel af (${f.evictedContact}${f.evictedExpires ? `, nog ${f.evictedExpires} seconden aangemeld` : ""}). Dat toestel krijgt geen gesprekken tot het zich opnieuw aanmeldt.`
        : f.bindings
          ? `${DeCentrale(f)} heeft al ${f.bindings > 1 ? `${f.bindings} toestellen` : "een toestel"} met dit account aangemeld. Als de AI Colleague zich ook aanmeldt, kan dat toestel worden afgemeld; daarom hebben we ons niet aangemeld.`
          : `${DeCentrale(f)} weigerde nog een aanmelding voor dit account${f.statusCode ? ` (${status(f)})` : ""}: er mogen niet meer toestellen op dan er al gebruik van maken.`,
    action: (f) =>
      `Geef je AI Colleague een eigen SIP-account (toestel); vraag je telecomprovider erom.${f.evictedContact ? " Herstart dat toestel of laat het zich opnieuw aanmelden, zodat het weer gesprekken krijgt." : ""}`,
    provider: {
      action: (f) =>
        `Maak een apart SIP-account (toestel) aan voor de AI Colleague.${f.evictedContact ? " Laat het andere toestel zich opnieuw aanmelden, zodat het weer gesprekken krijgt." : ""}`,
    },
  },
  not_registrar: {
    title: "Dit adres neemt geen aanmeldingen aan",
    explanation: (f) =>
      `De server op ${f.domain ?? "dit adres"} antwoordde ${status(f) || "met een foutmelding"} op onze aanmelding. Hij verwerkt wel gesprekken, maar is geen registrar: waarschijnlijk is dit het adres van een SIP-trunk en niet van een toestel op een telefooncentrale.`,
    action: () =>
      "Vraag je telecomprovider om het aanmeldadres (registrar) van een SIP-toestel of SIP-account, niet dat van een trunk.",
    provider: {
      action: () =>
        "Gebruik als SIP-domein het aanmeldadres (registrar) van een SIP-toestel of SIP-account, niet het adres van een trunk.",
    },
  },
  dns_failed: {
    title: "Het SIP-domein is niet gevonden",
    explanation: (f) =>
      `We konden ${f.domain ? `"${f.domain}"` : "het SIP-domein"} niet vinden in DNS: er is geen SIP-dienst (NAPTR- of SRV-record) en geen adres (A- of AAAA-record) voor.`,
    action: () =>
      "Controleer de spelling van het SIP-domein en neem het precies over zoals je provider het gaf, zonder sip: en zonder spaties. Klopt het, vraag je provider dan of de naam in de openbare DNS staat.",
    provider: {
      action: () =>
        "Zet de naam in de openbare DNS (een A- of AAAA-record, of NAPTR/SRV-records voor SIP), of gebruik een naam of openbaar IP-adres dat er wel in staat.",
    },
  },
  private_address: {
    title: "Dit is een adres binnen een kantoornetwerk",
    explanation: (f) =>
      `${f.domain ? `"${f.domain}"` : "Het SIP-domein"} is, of verwijst naar, een privé-netwerkadres (zoals 192.168.x.x of 10.x.x.x). Zo'n adres werkt alleen binnen het gebouw; vanaf internet kan niemand het bereiken.`,
    action: () =>
      "Vraag je telecomprovider om het openbare adres of de openbare hostnaam van de telefooncentrale, en gebruik dat als SIP-domein.",
    provider: {
      action: () =>
        "Gebruik het openbare adres of de openbare hostnaam van de centrale als SIP-domein (met de SIP-poort doorgestuurd naar de centrale), niet het interne adres.",
    },
  },
  blocked_target: {
    title: "Dit adres testen we niet",
    explanation: (f) =>
      `${f.domain ? `"${f.domain}"` : "Het SIP-domein"} verwijst naar een adres of poort waarmee we om veiligheidsredenen nooit verbinden: een lokaal, gereserveerd of speciaal adres, of een poort van andere diensten.`,
    action: () =>
      "Vul de openbare hostnaam van je telefooncentrale en de SIP-poort in, precies zoals je telecomprovider ze gaf.",
    provider: {
      action: () =>
        "Gebruik de openbare hostnaam van de centrale en de SIP-poort (meestal 5060, of 5061 voor TLS).",
    },
  },
  unreachable: {
    title: "De centrale luistert daar niet",
    explanation: (f) =>
      `${DeCentrale(f)} weigerde de verbinding op ${poort(f)}. Ofwel luistert de centrale niet op die poort met dat transport, ofwel houdt een firewall SIP tegen.`,
    action: (f) =>
      `Controleer de poort en het transport (UDP, TCP of TLS) die je provider opgaf. Kloppen die, dan moet je provider de centrale daar laten luisteren en SIP door de firewall laten ${vanafOns(f)}.`,
    provider: {
      action: (f) =>
        `Laat de centrale luisteren op ${poort(f)}, of gebruik de poort en het transport waarop ze wel luistert, en laat SIP door de firewall ${vanafOns(f)}.`,
    },
  },
  timeout: {
    title: "Geen antwoord van de centrale",
    explanation: (f) =>
      `We stuurden SIP naar ${f.domain ?? "de telefooncentrale"} op ${poort(f)}, maar kregen niet op tijd antwoord. Meestal gooit een firewall SIP ongemerkt weg. Soms heeft de centrale ons adres geblokkeerd na eerdere mislukte aanmeldingen.`,
    action: (f) =>
      `Vraag je telecomprovider om ${sipPoorten(f)} open te zetten ${vanafOns(f)}, en om na te gaan of ons adres niet op de blokkeerlijst van de centrale staat (fail2ban, de 3CX-blacklist).`,
    provider: {
      action: (f) =>
        `Zet ${sipPoorten(f)} open ${vanafOns(f)}, en ga na of ons adres niet op de blokkeerlijst van de centrale staat (fail2ban, de 3CX-blacklist).`,
    },
  },
  tls_failed: {
    title: "De beveiligde (TLS-)verbinding mislukte",
    explanation: (f) => tlsProbleem(f),
    action: (f) =>
      `Je provider moet een geldig certificaat installeren voor ${f.domain ?? "de hostnaam van de centrale"}, bijvoorbeeld van Let's Encrypt. Tot die tijd kun je UDP of TCP kiezen in plaats van TLS.`,
    provider: {
      action: (f) =>
        `Installeer een geldig certificaat met de volledige keten voor ${f.domain ?? "de hostnaam van de centrale"}, bijvoorbeeld van Let's Encrypt. Gebruik tot die tijd UDP of TCP in plaats van TLS.`,
    },
  },
  server_error: {
    title: "De centrale meldt een probleem",
    explanation: (f) =>
      `${DeCentrale(f)} antwoordde ${status(f) || "met een serverfout"}: een tijdelijk probleem of een instellingsprobleem op de centrale, niet in de accountgegevens.${f.retryAfterSeconds ? ` De centrale vroeg het over ${f.retryAfterSeconds} seconden opnieuw te proberen.` : ""}`,
    action: (f) =>
      `Probeer het later opnieuw. Blijft het gebeuren, stuur je telecomprovider dan deze uitslag${f.statusCode ? ` en de code ${f.statusCode}` : ""}.`,
    provider: {
      action: (f) =>
        `Kijk in het logboek van de centrale naar deze aanmelding${f.statusCode ? ` (beantwoord met ${f.statusCode})` : ""}, los de oorzaak op en test daarna opnieuw.`,
    },
  },
  unsupported_auth: {
    title: "De centrale gebruikt een aanmeldmethode die we niet ondersteunen",
    explanation: (f) =>
      `${DeCentrale(f)} vraagt om ${f.algorithm ? `de methode "${f.algorithm}"` : "een aanmeldmethode"}, en die kunnen we niet gebruiken. We ondersteunen digest-authenticatie met MD5, MD5-sess, SHA-256 en SHA-512-256.`,
    action: () =>
      "Vraag je telecomprovider om digest-authenticatie met MD5 of SHA-256 toe te staan voor dit account.",
    provider: { action: () => "Sta digest-authenticatie met MD5 of SHA-256 toe voor dit account." },
  },
  protocol_error: {
    title: "Op deze poort antwoordt iets anders dan SIP",
    explanation: (f) =>
      `Het antwoord van ${f.domain ?? "de server"} op ${poort(f)} was geen geldige SIP: onleesbaar, verkeerd opgebouwd of te groot. Waarschijnlijk luistert er een andere dienst (bijvoorbeeld een webserver) op die poort, of verminkt een apparaat onderweg het verkeer.`,
    action: () =>
      "Controleer het poortnummer en het transport. De gebruikelijke SIP-poorten zijn 5060 voor UDP en TCP, en 5061 voor TLS.",
    provider: {
      action: () =>
        "Kijk welke dienst op deze poort luistert, en gebruik de SIP-poort en het transport van de centrale (meestal 5060 voor UDP en TCP, 5061 voor TLS).",
    },
  },
  rate_limited: {
    title: "Even te veel tests",
    explanation: (f) =>
      f.refusal === "rejected_before"
        ? "De centrale heeft precies deze inloggegevens al geweigerd. Geweigerde gegevens sturen wij nooit opnieuw, zodat de centrale ons adres niet blokkeert (fail2ban); dat zou elke klant op die centrale treffen."
        : f.refusal === "test_limit"
          ? `Je hebt een limiet bereikt voor het aantal tests (per verbinding, per adres of per organisatie), zodat de tester niet misbruikt kan worden.${wanneer(f)}`
          : `Om te voorkomen dat de centrale ons blokkeert, sturen we hoogstens 2 mislukte aanmeldingen in 11 minuten naar één centrale, wie er ook test.${wanneer(f)}`,
    action: (f) =>
      f.refusal === "rejected_before"
        ? "Controleer de gebruikersnaam en het wachtwoord, vul de verbeterde gegevens in en test opnieuw: gewijzigde gegevens kun je meteen testen."
        : "Controleer intussen de gebruikersnaam en het wachtwoord nog een keer en test dan opnieuw.",
  },

  existing_binding: {
    title: "Dit account wordt al door een toestel gebruikt",
    explanation: (f) =>
      `Bij de centrale is al ${f.bindings && f.bindings > 1 ? `${f.bindings} toestellen` : "een toestel"} met dit account aangemeld, zoals een bureautelefoon of een softphone-app.`,
    action: () =>
      "Geef je AI Colleague een eigen SIP-account (toestel). Als twee toestellen één account delen, kan de centrale er één afmelden of gesprekken naar het verkeerde toestel sturen.",
    provider: {
      action: () =>
        "Maak een apart SIP-account (toestel) aan voor de AI Colleague. Als twee toestellen één account delen, kan de centrale er één afmelden of gesprekken naar het verkeerde toestel sturen.",
    },
  },
  realm_mismatch: {
    title: "De centrale gebruikt een eigen realm-naam",
    explanation: (f) =>
      `${f.realm ? `De centrale noemt haar aanmeldrealm "${f.realm}"${f.domain ? `, niet "${f.domain}"` : ""}.` : "De centrale noemt haar aanmeldrealm anders dan het SIP-domein."} Dat is normaal: Asterisk en FreePBX noemen die "asterisk", 3CX en andere gebruiken een eigen naam. De realm is geen domein om in te vullen.`,
    action: () =>
      "Laat het SIP-domein precies zoals je provider het gaf. Blijft de aanmelding mislukken, vraag je provider dan welke gebruikersnaam, authenticatie-ID en welk wachtwoord bij dit account horen.",
    provider: {
      action: () =>
        "Aan de realm hoeft niets te veranderen. Blijft de aanmelding mislukken, controleer dan welke gebruikersnaam, authenticatie-ID en welk wachtwoord bij dit account horen.",
    },
  },
  nat_rewrite: {
    title: "Een router herschrijft de SIP-berichten",
    explanation: () =>
      "De centrale zag onze berichten binnenkomen vanaf een ander adres of een andere poort dan wij gebruikten. Een router of firewall tussen ons en de centrale herschrijft SIP (vaak een functie die SIP ALG heet). Gesprekken komen dan soms tot stand zonder geluid, of vallen na ongeveer 30 seconden weg.",
    action: () =>
      "Vraag je telecomprovider of netwerkbeheerder om SIP ALG (SIP-helper) uit te zetten op de router vóór de telefooncentrale.",
    provider: { action: () => "Zet SIP ALG (SIP-helper) uit op de router of firewall vóór de centrale." },
  },
  self_signed_cert: {
    title: "De centrale gebruikt een zelfondertekend certificaat",
    explanation: (f) =>
      `Het certificaat op de TLS-poort van de centrale${f.certSubject ? ` (uitgegeven aan ${f.certSubject})` : ""} is niet ondertekend door een instantie die wij vertrouwen. Beveiligde (TLS-)verbindingen zijn daardoor niet mogelijk.`,
    action: (f) =>
      `Je provider kan het beste een certificaat van een vertrouwde instantie installeren voor ${f.domain ?? "de hostnaam van de centrale"}. Gebruik tot die tijd UDP of TCP.`,
    provider: {
      action: (f) =>
        `Installeer een certificaat van een vertrouwde instantie voor ${f.domain ?? "de hostnaam van de centrale"}. Gebruik tot die tijd UDP of TCP.`,
    },
  },
  transport_fallback: {
    title: (f) => `Werkt via ${f.transport ? f.transport.toUpperCase() : "een ander transport"}`,
    explanation: (f) =>
      `Het transport dat we eerst probeerden werkte niet, maar ${f.transport ? f.transport.toUpperCase() : "een ander transport"} wel. De AI Colleague gebruikt ${f.transport ? f.transport.toUpperCase() : "dat transport"}.`,
    action: () =>
      "Je hoeft niets te veranderen. Had je verwacht dat een ander transport zou werken, vraag je provider dan de firewall na te kijken.",
    provider: {
      action: () =>
        "Je hoeft niets te veranderen. Hoort een ander transport ook te werken, kijk dan de firewall daarvoor na.",
    },
  },
  interval_too_brief: {
    title: "De centrale wil langere aanmeldingen",
    explanation: (f) =>
      `De centrale wil dat een aanmelding minstens ${f.minExpires ?? "een minimum aantal"} seconden geldig blijft (423 Interval Too Brief). We hebben dat automatisch aangepast.`,
    action: () => "Je hoeft niets te veranderen.",
  },
  redirected: {
    title: "De centrale stuurde ons door naar een ander adres",
    explanation: (f) =>
      `${f.domain ?? "De server"} stuurde de aanmelding door naar ${f.redirectTarget ?? "een ander adres"}.`,
    action: (f) =>
      `Gebruik ${f.redirectTarget ? `"${f.redirectTarget}"` : "het nieuwe adres"} als SIP-domein, zodat tests en gesprekken daar meteen naartoe gaan.`,
  },
  private_answers_ignored: {
    title: "DNS noemt ook privé-adressen",
    explanation: (f) =>
      `Sommige DNS-records van ${f.domain ?? "het SIP-domein"} verwijzen naar privé- of gereserveerde adressen. Die hebben we genegeerd; we gebruikten de openbare.`,
    action: () =>
      "Je hoeft niets te veranderen. Je provider kan de privé-adressen uit de openbare DNS halen.",
    provider: { action: () => "Overweeg de privé-adressen uit de openbare DNS te halen." },
  },
  options_unanswered: {
    title: "De centrale negeert statuscontroles",
    explanation: () =>
      "De centrale beantwoordde ons SIP OPTIONS-bericht (een statuscontrole) niet, de aanmelding wel. Sommige centrales negeren deze berichten bewust.",
    action: () =>
      "Meestal hoef je niets te veranderen. Vallen gesprekken onverwacht weg, vraag je provider dan om SIP OPTIONS te beantwoorden.",
    provider: {
      action: () =>
        "Meestal hoef je niets te veranderen. Vallen gesprekken onverwacht weg, laat de centrale dan SIP OPTIONS beantwoorden.",
    },
  },
  auth_not_required: {
    title: "Er was geen wachtwoord nodig",
    explanation: () =>
      "De centrale accepteerde de aanmelding zonder om het wachtwoord te vragen, dus we konden het wachtwoord niet controleren. Waarschijnlijk vertrouwt de centrale ons adres.",
    action: () =>
      "Vraag je telecomprovider of dit zo bedoeld is; normaal vraagt een toestel om zijn wachtwoord.",
    provider: {
      action: () => "Ga na of dit zo bedoeld is; normaal vraagt een toestel om zijn wachtwoord.",
    },
  },
  unregister_failed: {
    title: "De testaanmelding is niet verwijderd",
    explanation: (f) =>
      `We konden onze testaanmelding niet van de centrale verwijderen. Ze verloopt vanzelf${f.expiresSeconds ? ` binnen ${f.expiresSeconds} seconden` : ""}.`,
    action: () => "Je hoeft niets te veranderen.",
  },
  cert_expires_soon: {
    title: "Het certificaat van de centrale verloopt binnenkort",
    explanation: (f) =>
      `Het TLS-certificaat van de centrale${f.certSubject ? ` (uitgegeven aan ${f.certSubject})` : ""} verloopt${f.certExpiry ? ` op ${formatDate(f.certExpiry)}` : " binnen enkele weken"}. Daarna mislukken beveiligde verbindingen.`,
    action: () => "Vraag je telecomprovider om het certificaat op tijd te vernieuwen.",
    provider: { action: () => "Vernieuw het certificaat voordat het verloopt." },
  },
};
