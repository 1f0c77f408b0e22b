/**
 * A real HTTPS server on loopback standing in for a customer's webhook endpoint (tests): a
 * self-signed certificate for 127.0.0.1, scripted status codes, every request kept.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeCert } from "@/e2e/fixtures/kamailio/cert";

export type ReceivedHook = { path: string; headers: Record<string, string>; body: string; answered: number };

export type WebhookReceiver = {
  url: string;
  ca: string;
  requests: ReceivedHook[];
  /** Status codes for the next requests, in order; 200 once they run out. */
  script(statuses: number[]): void;
  stop(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const dir = mkdtempSync(join(tmpdir(), "pc-webhook-"));
  const cert = makeCert(dir, ["localhost"]);
  const requests: ReceivedHook[] = [];
  let statuses: number[] = [];
  const server = https.createServer(
    { cert: readFileSync(cert.cert), key: readFileSync(cert.key) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const answered = statuses.shift() ?? 200;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
        requests.push({ path: req.url ?? "", headers, body: Buffer.concat(chunks).toString(), answered });
        res.writeHead(answered, { "Content-Type": "text/plain" }).end(answered === 200 ? "ok" : "nope");
      });
    },
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = address && typeof address !== "string" ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}/hooks/phone`,
    ca: cert.pem,
    requests,
    script: (s) => {
      statuses = [...s];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
