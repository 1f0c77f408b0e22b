import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export type Mail = { to: string[]; subject: string; text: string };
export type Mailer = { send(mail: Mail): Promise<void> };

/** SMTP through nodemailer; a throwing send fails the alert job, which pg-boss retries. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/** Without SMTP_URL (development): one log line per alert instead of a mail. */
export const logMailer: Mailer = {
  async send(mail) {
    console.info(`[monitor] alert mail (no SMTP_URL) to ${mail.to.join(", ")}: ${mail.subject}`);
  },
};

export function mailerFromEnv(): Mailer {
  const e = env();
  if (e.SMTP_URL) return smtpMailer(e.SMTP_URL, e.MAIL_FROM);
  if (e.NODE_ENV === "production") console.warn("[monitor] SMTP_URL is not set: alert mails are only logged");
  return logMailer;
}
