import { describe, expect, it } from "vitest";
import { alertWebhookForm } from "./webhook-url";
import { webhookUrlProblem } from "./webhook-url-rules";

const messageOf = (url: string) => {
  const r = alertWebhookForm.safeParse({ url });
  return r.success ? null : r.error.issues[0]?.message;
};

describe("webhook URL rules", () => {
  it("accepts https on 443 or an unprivileged port, trimmed", () => {
    expect(alertWebhookForm.parse({ url: " https://hooks.example.com/pc?x=1 \n" })).toEqual({
      url: "https://hooks.example.com/pc?x=1",
    });
    expect(webhookUrlProblem("https://hooks.example.com:8443/pc")).toBeNull();
    expect(webhookUrlProblem("https://[2001:db8::1]/pc")).toBeNull();
  });

  it("names what to change for each mistake", () => {
    expect(messageOf("")).toBe("validation.webhookRequired");
    expect(messageOf("http://hooks.example.com/")).toBe("validation.webhookHttps");
    expect(messageOf("ftp://hooks.example.com/")).toBe("validation.webhookHttps");
    expect(messageOf("https://u:p@hooks.example.com/")).toBe("validation.webhookCredentials");
    expect(messageOf("https://u@hooks.example.com/")).toBe("validation.webhookCredentials");
    expect(messageOf("https://hooks.example.com:80/")).toBe("validation.webhookPort");
    expect(messageOf("not a url")).toBe("validation.webhookNotUrl");
    expect(messageOf(`https://hooks.example.com/${"x".repeat(2048)}`)).toBe("validation.webhookTooLong");
  });

  it("refuses CR, LF and tabs inside, which the URL parser would silently drop", () => {
    expect(new URL("https://hooks.example.com/a\r\nb").pathname).toBe("/ab");
    for (const url of [
      "https://hooks.example.com/a\r\nb",
      "https://hooks.example.com/a\nb",
      "https://ho\toks.example.com/",
    ])
      expect(messageOf(url)).toBe("validation.lineBreak");
    expect(messageOf("https://hooks.example.com/a\u2028b")).toBe("validation.lineBreak");
  });

  it("every message key exists in English and Dutch", async () => {
    const en = (await import("@/messages/en/validation.json")).default as Record<string, string>;
    const nl = (await import("@/messages/nl/validation.json")).default as Record<string, string>;
    for (const key of [
      "webhookRequired",
      "webhookTooLong",
      "lineBreak",
      "webhookNotUrl",
      "webhookHttps",
      "webhookCredentials",
      "webhookPort",
    ]) {
      expect(en[key], key).toBeTruthy();
      expect(nl[key], key).toBeTruthy();
    }
  });
});
