/** tcpPortCheck against real loopback listeners (allowed explicitly, as tests must). */
import { EventEmitter } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseAllowCidrs } from "./policy";
import { tcpPortCheck } from "./ports";

const LOOPBACK = { allowCidrs: parseAllowCidrs("127.0.0.0/8") };

function listen(): Promise<{ server: net.Server; port: number; bytes: () => number }> {
  let received = 0;
  const server = net.createServer((sock) => {
    sock.on("data", (d: Buffer) => {
      received += d.length;
    });
    sock.on("error", () => {});
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      if (addr === null || typeof addr === "string") return reject(new Error("no port"));
      resolve({ server, port: addr.port, bytes: () => received });
    });
  });
}

const close = (server: net.Server) => new Promise<void>((r) => server.close(() => r()));

afterEach(() => vi.restoreAllMocks());

describe("tcpPortCheck", () => {
  it("open: connects and closes without sending a byte", async () => {
    const { server, port, bytes } = await listen();
    const closed = new Promise<void>((r) =>
      server.once("connection", (s: net.Socket) => s.once("close", () => r())),
    );
    const result = await tcpPortCheck({ address: "127.0.0.1", port }, { timeoutMs: 2000, policy: LOOPBACK });
    await closed;
    expect(result).toMatchObject({ port, state: "open" });
    expect(bytes()).toBe(0);
    await close(server);
  });

  it("closed: a port nobody listens on", async () => {
    const { server, port } = await listen();
    await close(server);
    const result = await tcpPortCheck({ address: "127.0.0.1", port }, { timeoutMs: 2000, policy: LOOPBACK });
    expect(result).toMatchObject({ port, state: "closed" });
  });

  it("filtered: no answer within the budget, or an unreachable host", async () => {
    const silent = () => Object.assign(new EventEmitter(), { destroy: () => {} }) as unknown as net.Socket;
    vi.spyOn(net, "createConnection").mockImplementation(silent as typeof net.createConnection);
    const quiet = await tcpPortCheck(
      { address: "127.0.0.1", port: 5060 },
      { timeoutMs: 30, policy: LOOPBACK },
    );
    expect(quiet.state).toBe("filtered");

    const unreachable = () => {
      const s = Object.assign(new EventEmitter(), { destroy: () => {} });
      setImmediate(() => s.emit("error", Object.assign(new Error("unreachable"), { code: "EHOSTUNREACH" })));
      return s as unknown as net.Socket;
    };
    vi.spyOn(net, "createConnection").mockImplementation(unreachable as typeof net.createConnection);
    const gone = await tcpPortCheck(
      { address: "127.0.0.1", port: 5060 },
      { timeoutMs: 2000, policy: LOOPBACK },
    );
    expect(gone.state).toBe("filtered");
  });

  it("refuses loopback when the policy does not allow it", async () => {
    const spy = vi.spyOn(net, "createConnection");
    await expect(
      tcpPortCheck({ address: "127.0.0.1", port: 5060 }, { timeoutMs: 200, policy: { allowCidrs: [] } }),
    ).rejects.toMatchObject({ code: "blocked_target" });
    expect(spy).not.toHaveBeenCalled();
  });
});
