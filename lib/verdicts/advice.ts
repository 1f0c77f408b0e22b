/**
 * Plain-language advice for every verdict and warning, in English and Dutch, for each reader:
 * what happened, what to change, and who must change it. The one source for these texts: the
 * engine, the UI, the support console and the provider guide all render from here. Browser-safe.
 */
import { VERDICTS, WARNINGS } from "./codes";
import { EN } from "./texts-en";
import { NL } from "./texts-nl";
import type {
  Advice,
  AdviceCode,
  AdviceTexts,
  Audience,
  FirewallInfo,
  Locale,
  Responsible,
  TextFacts,
} from "./types";

export type {
  Advice,
  AdviceCode,
  AdviceFacts,
  AdviceText,
  AdviceTexts,
  Audience,
  CertProblem,
  FirewallInfo,
  Locale,
  Responsible,
  TextFacts,
} from "./types";

/** Who has to act. The same in every language. */
const WHO: Record<AdviceCode, Responsible> = {
  registered: "none",
  wrong_credentials: "customer",
  unknown_user: "either",
  forbidden: "provider",
  account_in_use: "either",
  not_registrar: "provider",
  dns_failed: "customer",
  private_address: "provider",
  blocked_target: "customer",
  unreachable: "either",
  timeout: "provider",
  tls_failed: "provider",
  server_error: "provider",
  unsupported_auth: "provider",
  protocol_error: "either",
  rate_limited: "customer",
  redirected_elsewhere: "customer",
  existing_binding: "customer",
  realm_mismatch: "customer",
  nat_rewrite: "provider",
  self_signed_cert: "provider",
  transport_fallback: "none",
  interval_too_brief: "none",
  redirected: "customer",
  private_answers_ignored: "provider",
  options_unanswered: "none",
  auth_not_required: "provider",
  unregister_failed: "none",
  cert_expires_soon: "provider",
};

const TEXTS: Record<Locale, AdviceTexts> = { en: EN, nl: NL };

export type AdviceOptions = {
  audience?: Audience;
  /** The SIP Username, so a rejection names the account ("user 1050 at pbx.example.com"). */
  username?: string;
  firewall?: FirewallInfo;
};

/**
 * The advice for `code` as `audience` reads it. Support staff read the text written to whoever
 * must act (the provider's when the provider acts), with "who" in neutral words.
 */
export function adviceFor(
  code: AdviceCode,
  locale: Locale,
  facts: TextFacts = {},
  options: AdviceOptions = {},
): Advice {
  const audience = options.audience ?? "customer";
  const f: TextFacts = { ...facts };
  if (options.username !== undefined) f.username = options.username;
  if (options.firewall !== undefined) f.firewall = options.firewall;
  const text = TEXTS[locale][code];
  const who = WHO[code];
  const useProvider = audience === "provider" || (audience === "support" && who === "provider");
  const p = useProvider ? (text.provider ?? {}) : {};
  const title = p.title ?? text.title;
  return {
    code,
    title: typeof title === "string" ? title : title(f),
    explanation: (p.explanation ?? text.explanation)(f),
    action: (p.action ?? text.action)(f),
    who,
    whoText: whoLabel(who, locale, audience),
  };
}

const WHO_LABELS: Record<Locale, Record<Audience, Record<Responsible, string>>> = {
  en: {
    customer: {
      customer: "You",
      provider: "Your telecom provider or PBX administrator",
      either: "You or your telecom provider",
      none: "Nobody",
    },
    provider: {
      customer: "Your customer",
      provider: "You, the telecom provider or PBX administrator",
      either: "You or your customer",
      none: "Nobody",
    },
    support: {
      customer: "The customer",
      provider: "The customer's telecom provider",
      either: "The customer or their telecom provider",
      none: "Nobody",
    },
  },
  nl: {
    customer: {
      customer: "Jij",
      provider: "Je telecomprovider of de beheerder van de centrale",
      either: "Jij of je telecomprovider",
      none: "Niemand",
    },
    provider: {
      customer: "Je klant",
      provider: "Jij, als telecomprovider of beheerder van de centrale",
      either: "Jij of je klant",
      none: "Niemand",
    },
    support: {
      customer: "De klant",
      provider: "De telecomprovider van de klant",
      either: "De klant of diens telecomprovider",
      none: "Niemand",
    },
  },
};

/** "Who must act", in the reader's words: `provider` → "Your telecom provider…" for a customer. */
export function whoLabel(who: Responsible, locale: Locale, audience: Audience = "customer"): string {
  return WHO_LABELS[locale][audience][who];
}

/** Every verdict and warning with its advice, for the guide's troubleshooting section. */
export function allAdvice(
  locale: Locale,
  options: AdviceOptions = {},
): { verdicts: Advice[]; warnings: Advice[] } {
  return {
    verdicts: VERDICTS.map((c) => adviceFor(c, locale, {}, options)),
    warnings: WARNINGS.map((c) => adviceFor(c, locale, {}, options)),
  };
}

export { formatDate } from "./format";
