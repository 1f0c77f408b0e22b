import "server-only";
import { lookup } from "node:dns/promises";
import https from "node:https";
import net from "node:net";
import { SIGNATURE_HEADER, signPayload } from "@/lib/monitor/signature";
import { type AddressPolicy, checkAddress, policyFromEnv } from "@/lib/net";
import { USER_AGENT } from "@/lib/sip";
import {
  WEBHOOK_URL_MAX,
  type WebhookUrlProblem,
  webhookUrlProblem,
} from "@/lib/validation/webhook-url-rules";

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
      code: "bad_url" | "refused_address" | "dns_failed" | "http_status" | "timeout" | "network";
      detail: string;
      /** http_status: the receiver's answer. */
      status?: number;
      /** refused_address: the address the policy refused. */
      address?: string;
    };

const MAX_RESPONSE_BYTES = 64 * 1024;

async function systemResolve(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

const URL_PROBLEM: Record<Exclude<WebhookUrlProblem["code"], "port">, string> = {
  required: "no URL",
  too_long: `URL longer than ${WEBHOOK_URL_MAX} characters`,
  line_break: "line break or control character in the URL",
  not_url: "not a URL",
  not_https: "only https:// webhooks are sent",
  credentials: "credentials in the URL are not allowed",
};

/** The settings form's rules (lib/validation/webhook-url.ts), checked again before sending. */
export function parseWebhookUrl(raw: string): URL | { error: string } {
  const problem = webhookUrlProblem(raw);
  if (problem?.code === "port") return { error: `port ${problem.port} is not allowed (443 or 1024–65535)` };
  if (problem) return { error: URL_PROBLEM[problem.code] };
  return new URL(raw);
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
    if (!checked.ok)
      return { ok: false, retry: false, code: "refused_address", detail: checked.detail, address: a };
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
          resolve({ ok: false, retry, code: "http_status", detail: `HTTP ${status}`, status });
        });
      },
    );
    let timedOut = false;
    req.on("timeout", () => {
      timedOut = true;
      req.destroy(new Error("timed out"));
    });
    req.on("error", (err) =>
      resolve({ ok: false, retry: true, code: timedOut ? "timeout" : "network", detail: err.message }),
    );
    req.end(body);
  });
}
