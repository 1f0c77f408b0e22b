import { z } from "zod";
import { TRANSPORT_CHOICES } from "@/lib/transport";
import { domainProblem, looksLikeEmailLogin } from "./domain-hints";
import { HEADER_BREAKS } from "./header-breaks";
import { parseHostInput } from "./host";

/**
 * The SIP account form: one schema for the browser (zodResolver) and the server (actions, routes).
 * Error messages are i18n keys under `validation.*` (messages/<locale>/validation.json), so the
 * browser and the server report the same thing in the user's language.
 */

/**
 * Bidirectional controls (U+202A–202E embeddings/overrides, U+2066–2069 isolates, U+200E/200F
 * marks) make a label display differently from what it is ("Trojan Source"): refused.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;
/** RFC 3261 25.1 `user`: unreserved / escaped / user-unreserved. */
const SIP_USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;

/** C0 controls, DEL, and the Unicode line/paragraph separators. */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

const trimmed = z.string().transform((s) => s.trim());

function headerSafe(max: number) {
  return trimmed
    .refine((s) => !HEADER_BREAKS.test(s), "validation.lineBreak")
    .refine((s) => s.length <= max, "validation.tooLong");
}

const sipUser = headerSafe(64)
  .refine((s) => s.length > 0, "validation.required")
  .refine((s) => !/\s/.test(s), "validation.userSpaces")
  .refine((s) => !looksLikeEmailLogin(s), "validation.userLooksLikeEmail")
  .refine((s) => !s.includes("@"), "validation.userHasDomain")
  .refine((s) => s === "" || SIP_USER.test(s), "validation.userChars");

const optionalSipUser = headerSafe(64)
  .refine((s) => !/\s/.test(s), "validation.userSpaces")
  .refine((s) => !s.includes("@"), "validation.userHasDomain")
  .refine((s) => s === "" || SIP_USER.test(s), "validation.userChars")
  .transform((s) => (s === "" ? undefined : s));

/** One issue naming what to change (domain-hints.ts), not a generic "invalid". */
const hostWithPort = headerSafe(260).superRefine((s, ctx) => {
  if (s === "" || parseHostInput(s).ok) return;
  ctx.addIssue({ code: "custom", message: domainProblem(s) });
});

export const portSchema = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === "string" ? v.trim() : v))
  .refine((v) => v === "" || /^\d{1,5}$/.test(String(v)), "validation.portNumber")
  .transform((v) => (v === "" ? undefined : Number(v)))
  .refine((v) => v === undefined || (v >= 1 && v <= 65535), "validation.portRange");

/** Password: never trimmed (spaces may be part of it), but no control characters. */
const password = z
  .string()
  .max(128, "validation.passwordTooLong")
  .refine((s) => !hasControlCharacter(s), "validation.passwordControl");

const base = {
  label: headerSafe(80)
    .refine((s) => s.length > 0, "validation.required")
    .refine((s) => !BIDI_CONTROLS.test(s), "validation.bidiControl"),
  sipUsername: sipUser,
  sipDomain: hostWithPort.refine((s) => s.length > 0, "validation.required"),
  authUsername: optionalSipUser.optional(),
  transport: z.enum(TRANSPORT_CHOICES).default("auto"),
  port: portSchema.optional(),
  outboundProxy: hostWithPort.transform((s) => (s === "" ? undefined : s)).optional(),
};

/** Creating a connection: the password is required. */
export const sipAccountCreateSchema = z.object({
  ...base,
  sipPassword: password.refine((s) => s.length > 0, "validation.required"),
});

/** Editing: an empty password keeps the saved one. */
export const sipAccountUpdateSchema = z.object({
  ...base,
  sipPassword: password.optional().transform((s) => (s === undefined || s === "" ? undefined : s)),
});

export type SipAccountCreate = z.output<typeof sipAccountCreateSchema>;
export type SipAccountUpdate = z.output<typeof sipAccountUpdateSchema>;

// Re-exported so existing imports keep working; the functions live apart so browser code can use
// them without pulling zod into the first-load bundle.
export { splitHostPort, splitSipAddress } from "./sip-address";
