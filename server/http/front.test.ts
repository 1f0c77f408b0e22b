import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLIENT_IP_HEADER, clientAddress, frontHandler, parseTrustedProxies } from "./front.mjs";

describe("parseTrustedProxies", () => {
  it("takes addresses and CIDRs, and refuses a loose or broken entry naming TRUSTED_PROXIES", () => {
    expect(parseTrustedProxies(" 127.0.0.1/32, ::1 ,10.0.0.0/8").map(([a, bits]) => `${a}/${bits}`)).toEqual([
      "127.0.0.1/32",
      "::1/128",
      "10.0.0.0/8",
    ]);
    for (const bad of ["10.1", "10.0.0.0/33", "proxy.example", "10.0.0.0/8/8", "1.2.3.4/"])
      expect(() => parseTrustedProxies(`127.0.0.1, ${bad}`)).toThrow(/^TRUSTED_PROXIES: ".*" is not an IP/);
  });
});

describe("clientAddress", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8, 2001:db8::1");

  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.7", "1.2.3.4", [])).toBe("198.51.100.7");
    expect(clientAddress("::ffff:198.51.100.7", "1.2.3.4, 5.6.7.8", [])).toBe("198.51.100.7");
    // An untrusted socket's header is ignored even when proxies are configured.
    expect(clientAddress("198.51.100.7", "1.2.3.4", trusted)).toBe("198.51.100.7");
  });

  it("behind trusted proxies: the right-most hop that is not one of them", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.5", trusted)).toBe("203.0.113.9");
    expect(clientAddress("2001:db8::1", "203.0.113.9", trusted)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "", trusted)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "10.0.0.9", trusted)).toBe("10.0.0.9");
    expect(clientAddress("10.0.0.2", "203.0.113.9, not-an-ip", trusted)).toBe("10.0.0.2");
  });
});

type Front = {
  port: number;
  seen: string[];
  handled: number;
  bodyBytes: number[];
  readBySocket: () => number;
};
let servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

async function front(bodyLimit = 64 * 1024): Promise<Front> {
  const f: Front = { port: 0, seen: [], handled: 0, bodyBytes: [], readBySocket: () => 0 };
  const sockets: net.Socket[] = [];
  const server = http.createServer(
    frontHandler({
      bodyLimit,
      handle: async (req, res) => {
        f.handled += 1;
        f.seen.push(String(req.headers[CLIENT_IP_HEADER]));
        let n = 0;
        try {
          for await (const chunk of req) n += (chunk as Buffer).length;
        } catch {
          // cut off by the front
        }
        f.bodyBytes.push(n);
        if (!res.headersSent) res.end("ok");
      },
    }),
  );
  server.on("connection", (s) => sockets.push(s));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  if (a === null || typeof a === "string") throw new Error("no port");
  f.port = a.port;
  f.readBySocket = () => sockets.reduce((sum, s) => sum + s.bytesRead, 0);
  return f;
}

function get(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

/** Streams `total` bytes after the head until the server answers or closes; returns its answer. */
function upload(port: number, head: string, total: number, chunked: boolean): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    let answer = "";
    let sent = 0;
    const block = Buffer.alloc(64 * 1024, 0x61);
    s.on("data", (d) => {
      answer += d.toString();
    });
    s.on("error", () => {});
    s.on("close", () => resolve(answer));
    const pump = () => {
      while (sent < total && !s.destroyed) {
        sent += block.length;
        const ok = chunked
          ? s.write(`${block.length.toString(16)}\r\n`) && s.write(block) && s.write("\r\n")
          : s.write(block);
        if (!ok) return void s.once("drain", pump);
      }
      if (chunked && !s.destroyed) s.write("0\r\n\r\n");
    };
    s.write(head, pump);
  });
}

describe("the HTTP front", () => {
  it("sets the client address from the socket: rotating X-Forwarded-For changes nothing", async () => {
    const f = await front();
    for (let i = 0; i < 20; i++)
      expect(await get(f.port, { "x-forwarded-for": `203.0.113.${i}`, [CLIENT_IP_HEADER]: "1.1.1.1" })).toBe(
        200,
      );
    expect(new Set(f.seen)).toEqual(new Set(["127.0.0.1"]));
  });

  it("answers a declared 100 MB body with 413 before reading it", async () => {
    const f = await front();
    const total = 100 * 1024 * 1024;
    const answer = await upload(
      f.port,
      `POST /handoff/submit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`,
      total,
      false,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(f.handled).toBe(0);
    // What the server took off the socket, not what the client tried to send.
    expect(f.readBySocket()).toBeLessThan(8 * 1024 * 1024);
  });

  it("drains an over-cap body of a few MB before the 413, so an HTTP client always reads the answer", async () => {
    const f = await front(64 * 1024);
    const body = Buffer.alloc(2 * 1024 * 1024, 0x78);
    const post = () =>
      new Promise<{ status: number; text: string; sentFirst: boolean }>((resolve, reject) => {
        let sent = false;
        const req = http.request(
          {
            host: "127.0.0.1",
            port: f.port,
            method: "POST",
            path: "/handoff/submit",
            headers: { "content-type": "application/json", "content-length": body.length },
          },
          (res) => {
            const sentFirst = sent;
            let text = "";
            res.on("data", (d: Buffer) => {
              text += d.toString();
            });
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text, sentFirst }));
          },
        );
        req.on("finish", () => {
          sent = true;
        });
        // A reset before the answer was read would land here (EPIPE, ECONNRESET).
        req.on("error", reject);
        req.end(body);
      });
    for (let i = 0; i < 20; i++) {
      const a = await post();
      expect(a.status, `request ${i + 1}`).toBe(413);
      // The answer comes once the whole body is in: no socket closed under a client still sending.
      expect(a.sentFirst, `request ${i + 1}`).toBe(true);
      expect(JSON.parse(a.text)).toMatchObject({ error: { code: "payload_too_large" } });
    }
    expect(f.handled).toBe(0);
    // Every body was read to its end before its socket closed: none was closed with data unread
    // (the kernel answers that with a reset, which can take the 413 with it: EPIPE, ECONNRESET).
    expect(f.readBySocket()).toBeGreaterThanOrEqual(20 * body.length);
  });

  it("cuts a chunked body at the cap", async () => {
    const f = await front(64 * 1024);
    const answer = await upload(
      f.port,
      "POST /api/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
      20 * 1024 * 1024,
      true,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    await vi.waitFor(() => expect(f.bodyBytes).toHaveLength(1));
    expect(f.bodyBytes[0]).toBeLessThanOrEqual(2 * 64 * 1024);
    expect(f.readBySocket()).toBeLessThan(8 * 1024 * 1024);
  });

  it("passes a small body through untouched", async () => {
    const f = await front();
    const answer = await upload(
      f.port,
      "POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\nConnection: close\r\n\r\n",
      64 * 1024,
      false,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(f.bodyBytes).toEqual([64 * 1024]);
  });
});
