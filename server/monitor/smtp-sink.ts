/**
 * A real SMTP server (the `smtp-server` package) on loopback for tests and the bench: accepts
 * every mail, parses it with `mailparser`, keeps it. Plain SMTP, no AUTH, no STARTTLS, so
 * nodemailer talks to it with `smtp://127.0.0.1:<port>`.
 */
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; subject: string; text: string };

export type SmtpSink = {
  url: string;
  mails: ReceivedMail[];
  /** Resolves with the first mail (already received or still to come) that matches. */
  waitFor(match: (m: ReceivedMail) => boolean, ms?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
};

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? ""));

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          mails.push({
            from: addresses(m.from).join(","),
            to: addresses(m.to),
            subject: m.subject ?? "",
            text: m.text ?? "",
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = address && typeof address !== "string" ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(match, ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = mails.find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = mails.map((m) => m.subject).join(" | ") || "none";
          throw new Error(`no matching mail arrived; received: ${seen}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
