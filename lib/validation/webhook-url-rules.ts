import { HEADER_BREAKS } from "./header-breaks";

/**
 * The rules for an organization's alert webhook URL, one source for the settings form (browser),
 * the settings action (server, through ./webhook-url.ts's schema) and the sender
 * (server/monitor/webhook.ts): https only, no credentials, port 443 or an unprivileged one, at
 * most 2048 characters, no line breaks. Where the URL may point (public addresses only) is the
 * address policy's job at delivery time. No zod here: the form's first load stays small.
 */

export const WEBHOOK_URL_MAX = 2048;

export type WebhookUrlProblem =
  | { code: "required" }
  | { code: "too_long" }
  | { code: "line_break" }
  | { code: "not_url" }
  | { code: "not_https" }
  | { code: "credentials" }
  | { code: "port"; port: number };

/** The first rule `raw` breaks, or null. */
export function webhookUrlProblem(raw: string): WebhookUrlProblem | null {
  if (raw === "") return { code: "required" };
  if (raw.length > WEBHOOK_URL_MAX) return { code: "too_long" };
  // The URL parser silently drops CR, LF and tabs (WHATWG URL); refuse them instead.
  if (HEADER_BREAKS.test(raw) || raw.includes("\t")) return { code: "line_break" };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: "not_url" };
  }
  if (url.protocol !== "https:") return { code: "not_https" };
  if (url.username || url.password) return { code: "credentials" };
  const port = url.port === "" ? 443 : Number(url.port);
  if (port !== 443 && port < 1024) return { code: "port", port };
  return null;
}
