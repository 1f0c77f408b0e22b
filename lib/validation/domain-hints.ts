/**
 * Which message fits a SIP Domain (or SIP Username) that does not parse: each names what to
 * change ("remove the space", "leave out http://"), instead of one generic "invalid". Returns
 * `validation.*` keys (messages/<locale>/validation.json). Browser-safe, no dependencies.
 */

export type DomainProblem =
  | "validation.domainIsUrl"
  | "validation.domainSpaces"
  | "validation.domainHasUser"
  | "validation.domainScheme"
  | "validation.domainPort"
  | "validation.domainNonAscii"
  | "validation.domainDots"
  | "validation.domainInvalid";

/** Why `s` (trimmed, known not to parse as host[:port]) is not a SIP Domain. */
export function domainProblem(s: string): DomainProblem {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.includes("/")) return "validation.domainIsUrl";
  if (/\s/.test(s)) return "validation.domainSpaces";
  if (s.includes("@")) return "validation.domainHasUser";
  if (/^sips?:/i.test(s)) return "validation.domainScheme";
  if (/[^\x20-\x7e]/.test(s)) return "validation.domainNonAscii";
  const colon = s.lastIndexOf(":");
  if (colon > 0 && s.indexOf(":") === colon && !/^[1-9]\d{0,4}$/.test(s.slice(colon + 1)))
    return "validation.domainPort";
  if (colon > 0 && s.indexOf(":") === colon && Number(s.slice(colon + 1)) > 65535)
    return "validation.domainPort";
  if (s.startsWith(".") || s.includes("..")) return "validation.domainDots";
  return "validation.domainInvalid";
}

/**
 * `jane.doe@company.com` is someone's e-mail or website login; `1050@pbx.example.com` or
 * `ai-colleague@sip.example.com` is a SIP address. The difference is a guess, so it only picks
 * the message, never rejects or rewrites anything by itself.
 */
export function looksLikeEmailLogin(s: string): boolean {
  const at = s.indexOf("@");
  if (at <= 0 || /^sips?:/i.test(s)) return false;
  const user = s.slice(0, at);
  const host = s.slice(at + 1).toLowerCase();
  if (/^\d+$/.test(user)) return false;
  return user.includes(".") || !/(^|\.)(sip|pbx|voip|tel|phone|vox|pabx|ucm|3cx)[a-z0-9-]*\./.test(host);
}
