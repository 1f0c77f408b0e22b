import "server-only";
import { lookup } from "node:dns/promises";
import https from "node:https";
import net from "node:net";
import { SIGNATURE_HEADER, signPayload } from "@/lib/monitor/signature";
import { type AddressPolicy, checkAddress, policyFromEnv } from "@/lib/net";
import { USER_AGENT } from "@/lib/sip/version";

/**
 * Sends one signed alert to an organization's HTTPS webhook, through the address policy: resolve
 * the host, refuse it if any answer is not allowed (a name that mixes public and private answers
 * is how DNS rebinding gets in), then connect to the checked address itself (SNI and Host carry
 * the name; nothing looks the name up again). No redirects are followed.
 */

export type WebhookDeps = {
  policy?: AddressPolicy;
  /** All addresses of a host name (default: the system resolver). */
  resolve?: (host: string) => Promise<string[]>;
  /** Extra trusted CAs (tests with a self-signed receiver). */
  ca?: string[];
  timeoutMs?: number;
  nowSeconds?: () => number;
};

export type DeliveryResult =
  | { ok: true; status: number }
  | {
      ok: false;
      /** Worth trying again later (5xx, 408, 429, network trouble). */
      retry: boolean;
      code: "bad_url" | "refused_address" | "dns_failed" | "http_status" | "network";
      detail: string;
    };

const MAX_RESPONSE_BYTES = 64 * 1024;

async function systemResolve(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/** https only, no credentials in the URL, port 443 or an unprivileged one. */
export function parseWebhookUrl(raw: string): URL | { error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: "not a URL" };
  }
  if (url.protocol !== "https:") return { error: "only https:// webhooks are sent" };
  if (url.username || url.password) return { error: "credentials in the URL are not allowed" };
  const port = url.port === "" ? 443 : Number(url.port);
  if (port !== 443 && port < 1024) return { error: `port ${port} is not allowed (443 or 1024–65535)` };
  if (raw.length > 2048) return { error: "URL longer than 2048 characters" };
  return url;
}

export async function deliverWebhook(
  target: { url: string; secret: string },
  body: string,
  deps: WebhookDeps = {},
): Promise<DeliveryResult> {
  const url = parseWebhookUrl(target.url);
  if (!(url instanceof URL)) return { ok: false, retry: false, code: "bad_url", detail: url.error };
  const policy = deps.policy ?? policyFromEnv();
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : await (deps.resolve ?? systemResolve)(host);
  } catch (err) {
    return {
      ok: false,
      retry: true,
      code: "dns_failed",
      detail: err instanceof Error ? err.message : String(err),
    };
  }
  if (addresses.length === 0)
    return { ok: false, retry: true, code: "dns_failed", detail: `${host}: no address` };
  for (const a of addresses) {
    const checked = checkAddress(a, policy);
    if (!checked.ok) return { ok: false, retry: false, code: "refused_address", detail: checked.detail };
  }
  const address = addresses[0] as string;
  const now = (deps.nowSeconds ?? (() => Date.now() / 1000))();
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
    "User-Agent": USER_AGENT,
    Host: url.host,
    [SIGNATURE_HEADER]: signPayload(target.secret, body, now),
  };
  return new Promise<DeliveryResult>((resolve) => {
    const req = https.request(
      {
        host: address,
        port: url.port === "" ? 443 : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers,
        servername: net.isIP(host) ? undefined : host,
        ca: deps.ca,
        timeout: deps.timeoutMs ?? 10_000,
        agent: false,
      },
      (res) => {
        let seen = 0;
        res.on("data", (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on("close", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve({ ok: true, status });
          const retry = status >= 500 || status === 408 || status === 429;
          resolve({ ok: false, retry, code: "http_status", detail: `HTTP ${status}` });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (err) => resolve({ ok: false, retry: true, code: "network", detail: err.message }));
    req.end(body);
  });
}
