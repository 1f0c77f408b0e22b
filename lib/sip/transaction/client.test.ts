import { afterEach, describe, expect, it } from "vitest";
import { buildRequest } from "../message/build";
import { makeIds } from "../message/ids";
import { closedPort, type Peer, responseTo, tcpPeer, udpPeer } from "../testing/peer";
import { openTransport } from "../transport";
import type { TransportKind } from "../transport/types";
import { TransactionLayer, type TxRequest } from "./client";

const policy = { allowCidrs: ["127.0.0.0/8"] };
const timers = { t1: 40, t2: 160 };
const ids = makeIds();
let peers: Peer[] = [];
let layers: TransactionLayer[] = [];
afterEach(async () => {
  for (const l of layers) {
    l.close();
    l.transport.close();
  }
  await Promise.all(peers.map((p) => p.close()));
  peers = [];
  layers = [];
});

async function layerTo(kind: TransportKind, port: number) {
  const t = await openTransport({
    kind,
    address: "127.0.0.1",
    port,
    hostname: "127.0.0.1",
    policy,
    timeoutMs: 1000,
  });
  if (!t.ok) throw new Error(`${t.code}: ${JSON.stringify(t.reason)}`);
  const layer = new TransactionLayer(t.transport, { timers });
  layers.push(layer);
  return layer;
}

function options(layer: TransactionLayer, cseq = 1): TxRequest {
  const branch = ids.branch();
  const t = layer.transport;
  const built = buildRequest({
    method: "OPTIONS",
    requestUri: "sip:127.0.0.1",
    via: {
      transport: t.kind === "udp" ? "UDP" : t.kind === "tcp" ? "TCP" : "TLS",
      host: t.local.address,
      port: t.local.port,
      branch,
    },
    from: { uri: "sip:probe@127.0.0.1", tag: ids.tag() },
    to: { uri: "sip:127.0.0.1" },
    callId: ids.callId(),
    cseq,
    userAgent: "PhoneConnection/test",
  });
  if (!built.ok) throw new Error(built.code);
  return { text: built.text, branch, method: "OPTIONS", cseq };
}

describe("TransactionLayer over UDP", () => {
  it("retransmits with Timer E until answered", async () => {
    const peer = await udpPeer((req, n) => (n < 3 ? null : responseTo(req, "200 OK")));
    peers.push(peer);
    const layer = await layerTo("udp", peer.port);
    const out = await layer.request(options(layer), 1500);
    expect(out).toMatchObject({ ok: true, retransmissions: 2 });
    expect(out.ok && out.response.statusCode).toBe(200);
  });

  it("gives a black hole the budget, retransmitting up to T2", async () => {
    const peer = await udpPeer(() => null);
    peers.push(peer);
    const layer = await layerTo("udp", peer.port);
    const out = await layer.request(options(layer), 700);
    expect(out).toMatchObject({ ok: false, code: "timeout" });
    // 40, 80, 160, 160, 160 ms gaps: about 5 retransmissions in 700 ms.
    expect(peer.received.length).toBeGreaterThanOrEqual(4);
  });

  it("reports a closed port as unreachable (ICMP via the connected socket)", async () => {
    const layer = await layerTo("udp", await closedPort());
    const out = await layer.request(options(layer), 1500);
    expect(out).toMatchObject({ ok: false, code: "unreachable" });
  });

  it("drops a response to an older CSeq and waits for the right one", async () => {
    const peer = await udpPeer((req) => [
      responseTo(req.replace(/CSeq: 2/, "CSeq: 1"), "401 Unauthorized"),
      responseTo(req, "200 OK"),
    ]);
    peers.push(peer);
    const layer = await layerTo("udp", peer.port);
    const out = await layer.request(options(layer, 2), 1500);
    expect(out.ok && out.response.statusCode).toBe(200);
  });

  it("stops retransmitting quickly after a provisional and takes the final", async () => {
    const peer = await udpPeer((req, n) =>
      n === 1 ? responseTo(req, "100 Trying") : n === 2 ? responseTo(req, "200 OK") : null,
    );
    peers.push(peer);
    const layer = await layerTo("udp", peer.port);
    const out = await layer.request(options(layer), 1500);
    expect(out).toMatchObject({ ok: true, provisional: 1 });
  });

  it("turns only-garbage answers into protocol_error at the deadline", async () => {
    const peer = await udpPeer(() => "HELLO this is not SIP\r\n\r\n");
    peers.push(peer);
    const layer = await layerTo("udp", peer.port);
    expect(await layer.request(options(layer), 300)).toMatchObject({ ok: false, code: "protocol_error" });
  });
});

describe("TransactionLayer over TCP", () => {
  it("takes a reply split over several writes", async () => {
    const peer = await tcpPeer((req) => {
      const r = responseTo(req, "200 OK");
      return [r.slice(0, 10), r.slice(10)];
    });
    peers.push(peer);
    const layer = await layerTo("tcp", peer.port);
    const out = await layer.request(options(layer), 1500);
    expect(out.ok && out.response.statusCode).toBe(200);
    expect(out.ok && out.retransmissions).toBe(0);
  });

  it("reports a closed port as unreachable", async () => {
    const t = await openTransport({
      kind: "tcp",
      address: "127.0.0.1",
      port: await closedPort(),
      hostname: "127.0.0.1",
      policy,
      timeoutMs: 1000,
    });
    expect(t).toMatchObject({ ok: false, code: "unreachable" });
  });

  it("times out on a port that accepts and stays silent", async () => {
    const peer = await tcpPeer(() => null);
    peers.push(peer);
    const layer = await layerTo("tcp", peer.port);
    expect(await layer.request(options(layer), 300)).toMatchObject({ ok: false, code: "timeout" });
  });

  it.each([
    ["garbage", () => "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"],
    ["oversize", () => `SIP/2.0 200 OK\r\nX: ${"a".repeat(9000)}\r\n\r\n`],
    ["a bad Content-Length", (req: string) => responseTo(req, "200 OK", ["Content-Length: 99999"])],
    [
      "endless header folding",
      (req: string) => responseTo(req, "200 OK").replace("Content-Length: 0\r\n\r\n", " x\r\n".repeat(4000)),
    ],
    [
      "a truncated body",
      (req: string) => responseTo(req, "200 OK").replace("Content-Length: 0", "Content-Length: 50"),
    ],
  ])("reports %s as protocol_error", async (_name, reply) => {
    const peer = await tcpPeer(reply);
    peers.push(peer);
    const layer = await layerTo("tcp", peer.port);
    expect(await layer.request(options(layer), 400)).toMatchObject({ ok: false, code: "protocol_error" });
  });
});

describe("policy hook", () => {
  it("refuses loopback before opening a socket unless the policy allows it", async () => {
    for (const kind of ["udp", "tcp", "tls"] as const) {
      const t = await openTransport({
        kind,
        address: "127.0.0.1",
        port: 5060,
        hostname: "x",
        policy: { allowCidrs: [] },
        timeoutMs: 500,
      });
      expect(t).toMatchObject({ ok: false, code: "blocked_target" });
    }
  });
});
