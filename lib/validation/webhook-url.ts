import { z } from "zod";
import { type WebhookUrlProblem, webhookUrlProblem } from "./webhook-url-rules";

/** The webhook URL field's schema (rules in ./webhook-url-rules.ts). */

const MESSAGE_KEY: Record<WebhookUrlProblem["code"], string> = {
  required: "validation.webhookRequired",
  too_long: "validation.webhookTooLong",
  line_break: "validation.lineBreak",
  not_url: "validation.webhookNotUrl",
  not_https: "validation.webhookHttps",
  credentials: "validation.webhookCredentials",
  port: "validation.webhookPort",
};

/** The form field: trimmed, then checked; messages are i18n keys under `validation.*`. */
export const webhookUrlSchema = z
  .string()
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    const problem = webhookUrlProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: MESSAGE_KEY[problem.code] });
  });

export const alertWebhookForm = z.object({ url: webhookUrlSchema });
