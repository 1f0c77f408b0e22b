import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { adviceOf, check } from "../testing/check";

const DAY = 24 * 3600 * 1000;
const accounts = [{ username: "1001", password: "s3cret" }];
let expired: KamailioHandle;
let expiring: KamailioHandle;
beforeAll(async () => {
  [expired, expiring] = await Promise.all([
    startKamailio({
      tls: true,
      accounts,
      certValidity: {
        notBefore: new Date("2024-01-01T00:00:00Z"),
        notAfter: new Date("2024-02-01T00:00:00Z"),
      },
    }),
    startKamailio({
      tls: true,
      accounts,
      certValidity: { notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 10 * DAY) },
    }),
  ]);
});
afterAll(() => Promise.all([expired?.stop(), expiring?.stop()]));

describe("certificate dates (real Kamailio over TLS)", () => {
  it("names an expired certificate and its date", async () => {
    const r = await check(
      { username: "1001", password: "s3cret", domain: `127.0.0.1:${expired.tlsPort}`, transport: "tls" },
      { tlsCa: [expired.tlsCaPem ?? ""] },
    );
    expect(r).toMatchObject({
      verdict: "tls_failed",
      facts: { certProblem: "expired", certSubject: "localhost" },
    });
    expect(r.facts.certExpiry).toMatch(/^2024-02-01/);
    expect(adviceOf(r).verdict.explanation).toContain("expired on 2024-02-01");
  });

  it("registers but warns about a certificate that expires within three weeks", async () => {
    const r = await check(
      { username: "1001", password: "s3cret", domain: `127.0.0.1:${expiring.tlsPort}`, transport: "tls" },
      { tlsCa: [expiring.tlsCaPem ?? ""] },
    );
    expect(r).toMatchObject({ ok: true, verdict: "registered", warnings: ["cert_expires_soon"] });
  });
});
