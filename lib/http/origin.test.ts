import { describe, expect, it } from "vitest";
import { checkOrigin, refuseCrossOrigin } from "./origin";
import { contentSecurityPolicy, isStaticPath } from "./security-headers";

const req = (headers: Record<string, string>, url = "http://localhost:3000/api/x") =>
  new Request(url, { method: "POST", headers: { host: "localhost:3000", ...headers } });

describe("checkOrigin", () => {
  it("accepts this site's origin (APP_URL or the addressed host)", () => {
    expect(checkOrigin(req({ origin: "http://localhost:3000" }), undefined)).toEqual({ ok: true });
    expect(
      checkOrigin(req({ origin: "https://connect.example.com" }), "https://connect.example.com/"),
    ).toEqual({
      ok: true,
    });
    expect(checkOrigin(req({ origin: "HTTP://LOCALHOST:3000" }), undefined)).toEqual({ ok: true });
  });

  it("refuses missing, null, foreign and cross-site requests", () => {
    expect(checkOrigin(req({}), undefined)).toEqual({ ok: false, reason: "missing" });
    expect(checkOrigin(req({ origin: "null" }), undefined)).toEqual({ ok: false, reason: "null" });
    expect(checkOrigin(req({ origin: "https://evil.example" }), undefined)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    // Same host, other scheme or port: another origin.
    expect(checkOrigin(req({ origin: "https://localhost:3000" }), undefined)).toMatchObject({ ok: false });
    expect(checkOrigin(req({ origin: "http://localhost:3001" }), undefined)).toMatchObject({ ok: false });
    expect(
      checkOrigin(req({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }), undefined),
    ).toEqual({ ok: false, reason: "cross_site" });
  });

  it("in production, compares with APP_URL only: a forged Host does not make an origin ours", () => {
    const forged = new Request("http://attacker.example/api/x", {
      method: "POST",
      headers: { host: "attacker.example", origin: "http://attacker.example", "x-forwarded-proto": "http" },
    });
    expect(checkOrigin(forged, "https://connect.example.com", true)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(checkOrigin(forged, "https://connect.example.com", false)).toEqual({ ok: true });
    const ours = req({ origin: "https://connect.example.com" });
    expect(checkOrigin(ours, "https://connect.example.com", true)).toEqual({ ok: true });
  });

  it("gives handlers a ready 403", async () => {
    const res = refuseCrossOrigin(req({ origin: "null" }));
    expect(res?.status).toBe(403);
    expect(await res?.json()).toMatchObject({ error: { code: "bad_origin" } });
  });
});

describe("content security policy", () => {
  it("uses the nonce and strict-dynamic, never eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", dev: false, upgradeInsecure: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("falls back to inline scripts only for prerendered pages (the guide is no longer one)", () => {
    expect(isStaticPath("/guide/en")).toBe(false);
    expect(isStaticPath("/guide/nl/")).toBe(false);
    expect(isStaticPath("/guide")).toBe(false);
    expect(isStaticPath("/support")).toBe(false);
    expect(contentSecurityPolicy({ nonce: null, dev: false, upgradeInsecure: false })).toContain(
      "script-src 'self' 'unsafe-inline';",
    );
  });
});
