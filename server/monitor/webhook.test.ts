import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/monitor/signature";
import { deliverWebhook, parseWebhookUrl } from "./webhook";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

/** Webhook delivery against a real HTTPS server on loopback, through the address policy. */
describe("webhook delivery", () => {
  let r: WebhookReceiver;
  const secret = "whsec_test_secret";
  const body = JSON.stringify({ type: "connection.health_changed", id: "e1" });
  beforeAll(async () => {
    r = await startWebhookReceiver();
  });
  afterAll(() => r?.stop());
  beforeEach(() => {
    r.requests.length = 0;
  });

  it("posts the body signed with HMAC-SHA256 over timestamp.body", async () => {
    const res = await deliverWebhook({ url: r.url, secret }, body, {
      policy: { allowCidrs: ["127.0.0.0/8"] },
      ca: [r.ca],
    });
    expect(res).toEqual({ ok: true, status: 200 });
    const got = r.requests[0];
    expect(got?.body).toBe(body);
    expect(got?.path).toBe("/hooks/phone");
    const header = got?.headers[SIGNATURE_HEADER.toLowerCase()] ?? "";
    expect(verifySignature(secret, body, header, Date.now() / 1000)).toEqual({ ok: true });
    expect(verifySignature("another", body, header, Date.now() / 1000).ok).toBe(false);
  });

  it("asks for a retry on 500 and 429, not on 404", async () => {
    r.script([500, 429, 404]);
    const opts = { policy: { allowCidrs: ["127.0.0.0/8"] }, ca: [r.ca] };
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await deliverWebhook({ url: r.url, secret }, body, opts));
    expect(results.map((x) => (x.ok ? "ok" : `${x.code}:${x.retry}`))).toEqual([
      "http_status:true",
      "http_status:true",
      "http_status:false",
    ]);
  });

  it("never connects to a private or loopback address under the default policy", async () => {
    const res = await deliverWebhook({ url: r.url, secret }, body, {
      policy: { allowCidrs: [] },
      ca: [r.ca],
    });
    expect(res).toMatchObject({ ok: false, retry: false, code: "refused_address" });
    expect(r.requests).toHaveLength(0);
  });

  it("refuses a name whose answers mix public and private addresses (DNS rebinding)", async () => {
    const res = await deliverWebhook({ url: "https://hooks.example.com/x", secret }, body, {
      policy: { allowCidrs: [] },
      resolve: async () => ["93.184.216.34", "10.0.0.7"],
    });
    expect(res).toMatchObject({ ok: false, code: "refused_address" });
  });

  it("accepts only https URLs without credentials on 443 or an unprivileged port", () => {
    expect(parseWebhookUrl("http://example.com/x")).toEqual({ error: "only https:// webhooks are sent" });
    expect(parseWebhookUrl("https://u:p@example.com/x")).toEqual({
      error: "credentials in the URL are not allowed",
    });
    expect(parseWebhookUrl("https://example.com:22/x")).toMatchObject({
      error: expect.stringContaining("22"),
    });
    expect(parseWebhookUrl("https://example.com/x")).toBeInstanceOf(URL);
  });
});
