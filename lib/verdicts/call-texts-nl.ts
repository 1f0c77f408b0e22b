/** Nederlandse adviesteksten voor de testoproep (informeel: je). */
import type { CallFacts, CallTexts } from "./call-outcomes";

const acct = (f: CallFacts) => (f.account ? `account ${f.account}` : "het account van de AI Colleague");
const status = (f: CallFacts) => (f.statusCode ? ` (${f.statusCode}${f.reason ? ` ${f.reason}` : ""})` : "");
const range = (f: CallFacts) => f.rtpRange ?? "10000–20000";

export const CALL_NL: CallTexts = {
  call_ok: {
    title: "De testoproep werkte",
    explanation: (f) =>
      `De oproep kwam aan bij ${acct(f)}, werd opgenomen en er ging in beide richtingen geluid over.`,
    action: () => "Je hoeft niets te veranderen.",
  },
  call_not_received: {
    title: "De oproep kwam niet aan bij de AI Colleague",
    explanation: (f) =>
      `De AI Colleague was aangemeld en wachtte ${f.waitSeconds ?? 120} seconden, maar er kwam geen oproep voor ${acct(f)} binnen. Het nummer dat je belde, wordt niet naar dit account doorgestuurd.`,
    action: () =>
      "Je telecomprovider moet dit account toevoegen aan de belgroep, wachtrij of inkomende route van het nummer dat je belde. Probeer het daarna opnieuw.",
  },
  call_rejected: {
    title: "De oproep kwam binnen maar werd niet opgezet",
    explanation: (f) =>
      `Er kwam een oproep binnen${f.from ? ` van ${f.from}` : ""}, maar die werd afgebroken of nooit bevestigd voordat de AI Colleague kon opnemen${status(f)}. Misschien nam een ander toestel in de groep eerder op, of bevestigde de centrale het opnemen niet.`,
    action: () =>
      "Bel opnieuw en laat het gaan over. Gebeurt het steeds, dan moet je telecomprovider controleren of de belgroep dit account lang genoeg laat overgaan en of antwoorden van ons adres de centrale bereiken.",
  },
  codec_mismatch: {
    title: "Geen gemeenschappelijke audiocodec",
    explanation: (f) =>
      `De centrale bood ${f.offered?.length ? f.offered.join(", ") : "geen codec die we kennen"} aan; de AI Colleague spreekt ${f.ours?.join(", ") ?? "PCMU, PCMA"} (G.711).`,
    action: () => "Je telecomprovider moet G.711 (PCMA of PCMU) aanzetten voor dit account.",
  },
  no_audio_in: {
    title: "Geen geluid van de centrale",
    explanation: (f) =>
      `De oproep werd opgenomen, maar er kwam geen geluid (RTP) binnen van de centrale${f.sdpAddress ? ` (die zei te sturen vanaf ${f.sdpAddress})` : ""}. Bellers zouden de AI Colleague horen, maar de AI Colleague hen niet.`,
    action: (f) =>
      `Je telecomprovider moet RTP (UDP-poorten ${range(f)}) doorlaten tussen de centrale en ons media-adres, en SIP ALG op de router uitzetten.`,
  },
  no_audio_out: {
    title: "Ons geluid bereikt de beller niet",
    explanation: () =>
      "De oproep werd opgenomen en er kwam geluid binnen van de centrale, maar het geluid dat wij stuurden kwam niet aan. Bellers zouden stilte horen.",
    action: (f) =>
      `Je telecomprovider moet UDP-poorten ${range(f)} vanaf ons media-adres naar de centrale doorlaten en SIP ALG op de router uitzetten.`,
  },
  nat_media: {
    title: "Geluid werkt, maar via een NAT-omzetting",
    explanation: (f) =>
      `De centrale gaf ${f.sdpAddress ?? "een privéadres"} op voor het geluid, maar het kwam van ${f.sourceAddress ?? "een ander adres"}. Er zit een router (NAT of SIP ALG) tussen; het werkte nu, maar zo'n opstelling verliest later vaak het geluid.`,
    action: () =>
      "Je telecomprovider moet het externe adres van de centrale voor media instellen en SIP ALG op de router uitzetten.",
  },
  transfer_ok: {
    title: "Doorverbinden werkt",
    explanation: (f) => `De oproep werd doorverbonden naar ${f.target ?? "het toestel"} en daar opgenomen.`,
    action: () => "Je hoeft niets te veranderen.",
  },
  transfer_refused: {
    title: "Doorverbinden geweigerd",
    explanation: (f) =>
      `De centrale weigerde de oproep door te verbinden naar ${f.target ?? "het toestel"}${status(f)}: het toestel was bezet of onbekend, of dit account mag niet doorverbinden.`,
    action: (f) =>
      `Controleer het toestelnummer ${f.target ?? ""} dat je invulde; je telecomprovider moet doorverbinden (REFER) toestaan voor dit account.`,
  },
  transfer_unconfirmed: {
    title: "Doorverbinden niet bevestigd",
    explanation: (f) =>
      `De centrale nam het doorverbinden naar ${f.target ?? "het toestel"} aan, maar meldde nooit of er werd opgenomen.`,
    action: () =>
      "Vraag een collega of de doorverbonden oproep aankwam; je telecomprovider moet meldingen over doorverbinden (NOTIFY) aanzetten voor dit account.",
  },
  outbound_refused: {
    title: "De uitgaande oproep werd geweigerd",
    explanation: (f) =>
      `De centrale verbond de oproep naar ${f.dialed ?? "het nummer"} niet door${status(f)}.`,
    action: () =>
      "Controleer het nummer; je telecomprovider moet uitgaande oproepen toestaan voor dit account (en naar deze bestemming).",
  },
  call_not_run: {
    title: "De testoproep kon niet starten",
    explanation: (f) => `De testoproep startte niet: ${f.detail ?? "niet aan een voorwaarde voldaan"}.`,
    action: () =>
      "Laat eerst de registratietest slagen; ligt het daar niet aan, vraag dan je beheerder het publieke adres van de app voor oproepen in te stellen.",
  },
};
