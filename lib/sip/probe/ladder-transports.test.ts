import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { srv, stubResolver } from "@/lib/net/testing/stub-resolver";
import { adviceOf, check, detailText, stepStatus } from "../testing/check";
import { closedPort } from "../testing/peer";
import type { StepResult } from "./types";

const NAME = "pbx.customer-fixture.nl";
let k: KamailioHandle;
beforeAll(async () => {
  k = await startKamailio({
    tls: true,
    certNames: [NAME],
    accounts: [{ username: "1001", password: "s3cret" }],
  });
});
afterAll(() => k?.stop());

const ca = () => [k.tlsCaPem ?? ""];

describe("success over each transport (real Kamailio)", () => {
  it.each(["udp", "tcp"] as const)(
    "registers over %s, query mode, reporting each step live",
    async (transport) => {
      const live: StepResult[] = [];
      const r = await check(
        { username: "1001", password: "s3cret", domain: `127.0.0.1:${k.udpPort}`, transport },
        { onStep: (s) => live.push(s) },
      );
      expect(r).toMatchObject({ ok: true, verdict: "registered", warnings: [], sip: { statusCode: 200 } });
      expect(r.target).toEqual({ host: "127.0.0.1", address: "127.0.0.1", port: k.udpPort, transport });
      expect(stepStatus(r)).toEqual({
        resolve: "pass",
        ports: "pass",
        // The REGISTER's answer proves SIP; no OPTIONS that an Asterisk would log as a failure.
        options: "skip",
        register_challenge: "pass",
        register_auth: "pass",
        register_binding: "skip",
        unregister: "skip",
      });
      expect(live.map((s) => s.name)).toEqual(
        expect.arrayContaining(["resolve", "ports", "options", "register_challenge", "register_auth"]),
      );
      expect(r.pbxProduct).toContain("Kamailio");
      expect(r.facts).toMatchObject({ realm: "127.0.0.1", algorithm: "MD5", transport });
      // The query REGISTER carries no Contact (RFC 3261 10.2.3).
      const sentRegisters = r.trace.filter(
        (t) => t.direction === "sent" && t.firstLine.startsWith("REGISTER"),
      );
      expect(sentRegisters).toHaveLength(2);
      for (const t of sentRegisters) expect(t.text).not.toMatch(/^Contact:/m);
      expect(r.trace.some((t) => t.text.includes("User-Agent: PhoneConnection/"))).toBe(true);
    },
  );

  it("registers and unregisters over TLS with the certificate trusted, using the host name for SNI", async () => {
    const resolver = stubResolver({ [NAME]: { A: ["127.0.0.1"] } });
    const r = await check(
      {
        username: "1001",
        password: "s3cret",
        domain: `${NAME}:${k.tlsPort}`,
        transport: "tls",
        mode: "register",
      },
      { tlsCa: ca(), resolver },
    );
    expect(r).toMatchObject({ ok: true, verdict: "registered" });
    expect(r.target).toMatchObject({ host: NAME, transport: "tls" });
    expect(stepStatus(r)).toMatchObject({ register_binding: "pass", unregister: "pass" });
    expect(r.facts.certSubject).toBe(NAME);
    expect(r.warnings).toEqual([]);
  });

  it("refuses a self-signed certificate with tls_failed and says so", async () => {
    const r = await check({
      username: "1001",
      password: "s3cret",
      domain: `127.0.0.1:${k.tlsPort}`,
      transport: "tls",
    });
    expect(r).toMatchObject({
      ok: false,
      verdict: "tls_failed",
      facts: { certProblem: "self_signed", certSubject: NAME },
    });
    expect(r.warnings).toContain("self_signed_cert");
    expect(adviceOf(r).verdict.explanation).toContain("self-signed");
    // Nothing was sent over the untrusted connection.
    expect(r.trace).toEqual([]);
  });

  it("names a certificate for another host (wrong_host)", async () => {
    const other = "sip.other-fixture.nl";
    const r = await check(
      { username: "1001", password: "s3cret", domain: `${other}:${k.tlsPort}`, transport: "tls" },
      { tlsCa: ca(), resolver: stubResolver({ [other]: { A: ["127.0.0.1"] } }) },
    );
    expect(r).toMatchObject({ verdict: "tls_failed", facts: { certProblem: "wrong_host" } });
    expect(adviceOf(r).verdict.explanation).toContain(other);
  });

  it("auto falls back from a closed UDP port to TCP and reports transport_fallback", async () => {
    const udpClosed = await closedPort();
    const name = "fallback.customer-fixture.nl";
    const resolver = stubResolver({
      [name]: { A: ["127.0.0.1"] },
      [`_sip._udp.${name}`]: { SRV: [srv(10, 1, udpClosed, name)] },
      [`_sip._tcp.${name}`]: { SRV: [srv(10, 1, k.tcpPort, name)] },
    });
    const r = await check(
      { username: "1001", password: "s3cret", domain: name, transport: "auto" },
      { resolver },
    );
    expect(r).toMatchObject({
      ok: true,
      verdict: "registered",
      target: { transport: "tcp", port: k.tcpPort },
    });
    expect(r.warnings).toContain("transport_fallback");
    expect(adviceOf(r).warnings.find((a) => a.code === "transport_fallback")?.title).toContain("TCP");
    expect(detailText(r, "options")).toMatch(/UDP failed/);
  });

  it("sends through an outbound proxy without resolving the SIP domain", async () => {
    const resolver = stubResolver({});
    const r = await check(
      { username: "1001", password: "s3cret", domain: NAME, outboundProxy: `127.0.0.1:${k.udpPort}` },
      { resolver },
    );
    expect(r).toMatchObject({
      ok: true,
      verdict: "registered",
      target: { address: "127.0.0.1", port: k.udpPort },
    });
    expect(resolver.queries).toEqual([]);
    const sent = r.trace.find((t) => t.direction === "sent" && t.firstLine.startsWith("REGISTER"));
    expect(sent?.firstLine).toBe(`REGISTER sip:${NAME} SIP/2.0`);
    expect(sent?.text).toContain(`Route: <sip:127.0.0.1:${k.udpPort};lr>`);
  });
});
