import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./signature";

describe("webhook signature", () => {
  const secret = "whsec-test-0123456789";
  const body = '{"event":"health.changed"}';

  it("is HMAC-SHA256 of timestamp.body, independently computed", () => {
    const header = signPayload(secret, body, 1_700_000_000.9);
    const hex = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${hex}`);
  });

  it("verifies, and refuses a changed body, another secret, an old timestamp, garbage", () => {
    const header = signPayload(secret, body, 1_700_000_000);
    expect(verifySignature(secret, body, header, 1_700_000_100)).toEqual({ ok: true });
    expect(verifySignature(secret, `${body} `, header, 1_700_000_100)).toEqual({
      ok: false,
      code: "mismatch",
    });
    expect(verifySignature("other", body, header, 1_700_000_100)).toEqual({ ok: false, code: "mismatch" });
    expect(verifySignature(secret, body, header, 1_700_001_000)).toEqual({ ok: false, code: "stale" });
    expect(verifySignature(secret, body, "v1=abc", 1_700_000_000)).toEqual({ ok: false, code: "malformed" });
  });
});
