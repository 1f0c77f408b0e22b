/**
 * TCP reachability of one checked address and port: connect, then close at once. No bytes are
 * sent, so the answer is only open / closed / filtered — never a peer's banner.
 */
import "server-only";
import type { LookupAddress, LookupOptions } from "node:dns";
import net from "node:net";
import { type AddressPolicy, assertConnectAllowed } from "./policy";

export type PortState = "open" | "closed" | "filtered";
export type PortCheckResult = { port: number; state: PortState; durationMs: number };

/**
 * A `lookup` for socket options that refuses every name: sockets here connect to checked IP
 * literals only, so any lookup would be a bug (or a rebinding attempt).
 */
export function refuseLookup(
  hostname: string,
  _options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  const err: NodeJS.ErrnoException = new Error(
    `refusing to look up "${hostname}": connect to checked IPs only`,
  );
  err.code = "EAI_FAIL";
  callback(err, "", 0);
}

/**
 * Open a TCP connection to `target` and close it immediately. Rejects with AddressPolicyError
 * (before any socket exists) when the address or port is not allowed.
 */
export async function tcpPortCheck(
  target: { address: string; port: number },
  opts: { timeoutMs: number; policy: AddressPolicy },
): Promise<PortCheckResult> {
  assertConnectAllowed(target.address, target.port, opts.policy);
  const started = performance.now();
  const state = await new Promise<PortState>((resolve) => {
    const socket = net.createConnection({ host: target.address, port: target.port, lookup: refuseLookup });
    const finish = (s: PortState) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => {});
      socket.destroy();
      resolve(s);
    };
    const timer = setTimeout(() => finish("filtered"), opts.timeoutMs);
    socket.once("connect", () => finish("open"));
    // ECONNREFUSED is a RST: something answered and nothing listens. Anything else (host or
    // network unreachable, timeouts) looks the same as a dropping firewall from here.
    socket.once("error", (err: NodeJS.ErrnoException) =>
      finish(err.code === "ECONNREFUSED" ? "closed" : "filtered"),
    );
  });
  return { port: target.port, state, durationMs: Math.round(performance.now() - started) };
}
