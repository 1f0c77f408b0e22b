import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { stubResolver } from "@/lib/net/testing/stub-resolver";
import { adviceOf, check, detailText, stepStatus } from "../testing/check";
import { closedPort, type Peer, responseTo, tcpPeer, udpPeer } from "../testing/peer";

let sha: KamailioHandle;
let peers: Peer[] = [];
beforeAll(async () => {
  sha = await startKamailio({ algorithm: "SHA-256", accounts: [{ username: "2001", password: "s3cret" }] });
});
afterAll(() => sha?.stop());
afterEach(async () => {
  await Promise.all(peers.map((p) => p.close()));
  peers = [];
});
async function peer(kind: "udp" | "tcp", handler: Parameters<typeof udpPeer>[0]) {
  const p = kind === "udp" ? await udpPeer(handler) : await tcpPeer(handler);
  peers.push(p);
  return p;
}

describe("a SHA-256 realm (real Kamailio)", () => {
  it("authenticates with SHA-256", async () => {
    const r = await check({
      username: "2001",
      password: "s3cret",
      domain: `127.0.0.1:${sha.udpPort}`,
      mode: "register",
    });
    expect(r).toMatchObject({ ok: true, verdict: "registered", facts: { algorithm: "SHA-256" } });
    expect(
      r.trace.some((t) => t.direction === "sent" && /^Authorization: .*algorithm=SHA-256/m.test(t.text)),
    ).toBe(true);
  });

  it("rejects a wrong password under SHA-256 too", async () => {
    const r = await check({ username: "2001", password: "nope", domain: `127.0.0.1:${sha.udpPort}` });
    expect(r.verdict).toBe("wrong_credentials");
  });
});

describe("unreachable and silent targets", () => {
  it("a closed UDP port → unreachable at once (ICMP on the connected socket)", async () => {
    const r = await check({ username: "u", domain: `127.0.0.1:${await closedPort()}`, transport: "udp" });
    expect(r).toMatchObject({ verdict: "unreachable", sip: null });
    expect(detailText(r, "register_challenge")).toMatch(/refused/);
  });

  it("a closed TCP port → unreachable", async () => {
    const port = await closedPort();
    const r = await check({ username: "u", domain: `127.0.0.1:${port}`, transport: "tcp" });
    expect(r).toMatchObject({ verdict: "unreachable", target: { port, transport: "tcp" } });
    expect(stepStatus(r).ports).toBe("fail");
  });

  it("a UDP port that drops everything → timeout within the budget", async () => {
    const p = await peer("udp", () => null);
    const r = await check({ username: "u", domain: `127.0.0.1:${p.port}` }, { timeoutMs: 1200 });
    expect(r).toMatchObject({ verdict: "timeout", facts: { port: p.port, transport: "udp" } });
    expect(p.received.length).toBeGreaterThan(2); // Timer E retransmissions
  });

  it("a TCP port that accepts and stays silent → timeout", async () => {
    const p = await peer("tcp", () => null);
    const r = await check(
      { username: "u", domain: `127.0.0.1:${p.port}`, transport: "tcp" },
      { timeoutMs: 800 },
    );
    expect(r.verdict).toBe("timeout");
  });
});

describe("what only a scripted peer sends", () => {
  it.each([
    ["garbage", () => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"],
    [
      "an oversize reply",
      (req: string) =>
        responseTo(req, "200 OK", [
          `X-Pad: ${"a".repeat(1900)}`,
          ...Array(5).fill(`X-More: ${"b".repeat(1900)}`),
        ]),
    ],
    [
      "a bad Content-Length",
      (req: string) => responseTo(req, "200 OK").replace("Content-Length: 0", "Content-Length: 12x"),
    ],
    [
      "endless header folding",
      (req: string) => responseTo(req, "200 OK").replace("Content-Length: 0\r\n", ` x\r\n`.repeat(3000)),
    ],
  ])("TCP: %s → protocol_error", async (_name, reply) => {
    const p = await peer("tcp", reply);
    const r = await check(
      { username: "u", domain: `127.0.0.1:${p.port}`, transport: "tcp" },
      { timeoutMs: 800 },
    );
    expect(r.verdict).toBe("protocol_error");
    expect(adviceOf(r).verdict.title).toMatch(/other than SIP/);
  });

  it("UDP garbage → protocol_error", async () => {
    const p = await peer("udp", () => Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00]));
    const r = await check({ username: "u", domain: `127.0.0.1:${p.port}` }, { timeoutMs: 600 });
    expect(r.verdict).toBe("protocol_error");
  });

  it("an unsupported digest algorithm → unsupported_auth, nothing guessed", async () => {
    const p = await peer("udp", (req) =>
      req.startsWith("OPTIONS")
        ? responseTo(req, "200 OK")
        : responseTo(req, "401 Unauthorized", [
            'WWW-Authenticate: Digest realm="x", nonce="n", algorithm=AKAv1-MD5',
          ]),
    );
    const r = await check({ username: "u", password: "p", domain: `127.0.0.1:${p.port}` });
    expect(r).toMatchObject({ verdict: "unsupported_auth", facts: { algorithm: "AKAV1-MD5" } });
    expect(p.received.filter((m) => /^Authorization:/m.test(m))).toHaveLength(0);
  });

  it("a rewritten Via (SIP ALG) → nat_rewrite", async () => {
    const p = await peer("udp", (req) => {
      const via = /^Via: (.*)$/m.exec(req)?.[1]?.replace(";rport", ";rport=61000;received=127.0.0.9") ?? "";
      return responseTo(req, "200 OK", [], { via });
    });
    const r = await check({ username: "u", domain: `127.0.0.1:${p.port}` });
    expect(r).toMatchObject({ verdict: "registered", warnings: ["nat_rewrite", "auth_not_required"] });
  });

  it("follows one redirect to the real registrar", async () => {
    const p = await peer("udp", (req) =>
      responseTo(req, "302 Moved Temporarily", [`Contact: <sip:127.0.0.1:${sha.udpPort}>`]),
    );
    const r = await check({ username: "2001", password: "s3cret", domain: `127.0.0.1:${p.port}` });
    expect(r).toMatchObject({ ok: true, verdict: "registered", target: { port: sha.udpPort } });
    expect(r.warnings).toContain("redirected");
    expect(r.facts.redirectTarget).toBe(`127.0.0.1:${sha.udpPort}`);
  });
});

describe("address policy and DNS", () => {
  it("loopback without an allowing policy → blocked_target, nothing sent", async () => {
    const r = await check(
      { username: "u", domain: `127.0.0.1:${sha.udpPort}` },
      { policy: { allowCidrs: [] } },
    );
    expect(r).toMatchObject({ verdict: "blocked_target", trace: [] });
    expect(stepStatus(r)).toMatchObject({ resolve: "fail", options: "skip" });
  });

  it("a private address → private_address", async () => {
    const r = await check({ username: "u", domain: "192.168.1.20" }, { policy: { allowCidrs: [] } });
    expect(r.verdict).toBe("private_address");
    expect(adviceOf(r).verdict.who).toBe("provider");
  });

  it("a name that does not resolve → dns_failed", async () => {
    const r = await check(
      { username: "u", domain: "nope.customer-fixture.nl", transport: "auto" },
      { resolver: stubResolver({}) },
    );
    expect(r).toMatchObject({ verdict: "dns_failed", facts: { domain: "nope.customer-fixture.nl" } });
  });

  it("refuses input with a line break before anything is sent", async () => {
    await expect(check({ username: "1001\r\nX-Evil: 1", domain: "127.0.0.1" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
