/**
 * UDP over a *connected* dgram socket: the kernel then reports an ICMP port-unreachable as
 * ECONNREFUSED at once, instead of the test waiting out its budget (SIP_FAILURE_MODES #3).
 */
import "server-only";
import dgram from "node:dgram";
import type { LookupOneOptions } from "node:dns";
import { isIP } from "node:net";
import { AddressPolicyError, assertConnectAllowed } from "@/lib/net/policy";
import { EventList } from "./emitter";
import { frameDatagram } from "./framing";
import type { OpenFailure, OpenOptions, OpenResult, SipTransport, TransportEvent } from "./types";

/** dgram resolves even IP literals through `lookup`; accept literals only, never a name. */
export function literalOnlyLookup(
  hostname: string,
  _options: LookupOneOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void,
): void {
  const family = isIP(hostname);
  if (family !== 0) {
    callback(null, hostname, family);
    return;
  }
  const err: NodeJS.ErrnoException = new Error(`refusing to look up "${hostname}"`);
  err.code = "EAI_FAIL";
  callback(err, "", 0);
}

/** The address policy, checked again right before a socket exists; other errors are bugs and throw. */
export function refusedByPolicy(opts: OpenOptions): OpenFailure | null {
  try {
    assertConnectAllowed(opts.address, opts.port, opts.policy);
    return null;
  } catch (e) {
    if (!(e instanceof AddressPolicyError)) throw e;
    return {
      ok: false,
      code: e.code === "private_address" ? "private_address" : "blocked_target",
      reason: {
        kind: "policy",
        blocked: e.code === "private_address" ? "private_address" : "blocked_target",
        note: e.detail,
      },
    };
  }
}

export async function openUdp(opts: OpenOptions): Promise<OpenResult> {
  const blocked = refusedByPolicy(opts);
  if (blocked) return blocked;
  const socket = dgram.createSocket({
    type: isIP(opts.address) === 6 ? "udp6" : "udp4",
    lookup: literalOnlyLookup,
  });
  const connected = await new Promise<{ ok: true } | { ok: false; note: string }>((resolve) => {
    socket.once("error", (err: NodeJS.ErrnoException) =>
      resolve({ ok: false, note: err.code ?? err.message }),
    );
    socket.connect(opts.port, opts.address, () => resolve({ ok: true }));
  });
  if (!connected.ok) {
    socket.close();
    return { ok: false, code: "unreachable", reason: { kind: "socket_error", note: connected.note } };
  }
  socket.removeAllListeners("error");
  return { ok: true, transport: new UdpTransport(socket, opts) };
}

/**
 * The connected socket as a SipTransport. A class, so a check holds one object with methods
 * rather than a handful of closures (a thousand checks run at once in bench/).
 */
class UdpTransport implements SipTransport {
  readonly kind = "udp";
  readonly reliable = false;
  readonly tls = null;
  readonly local: { address: string; port: number };
  readonly remote: { address: string; port: number };
  private readonly events = new EventList();
  private closed = false;

  constructor(
    private readonly socket: dgram.Socket,
    opts: OpenOptions,
  ) {
    const local = socket.address();
    this.local = { address: local.address, port: local.port };
    this.remote = { address: opts.address, port: opts.port };
    socket.on("error", this.onError);
    socket.on("message", this.onMessage);
  }

  private readonly onError = (err: NodeJS.ErrnoException): void => {
    this.events.emit({
      type: "error",
      code: "unreachable",
      reason:
        err.code === "ECONNREFUSED"
          ? { kind: "refused", transport: "udp", port: this.remote.port }
          : { kind: "socket_error", note: err.code ?? err.message },
    });
  };

  private readonly onMessage = (buf: Buffer): void => {
    const frame = frameDatagram(buf);
    if (!frame) return;
    if (frame.kind === "message") this.events.emit({ type: "message", text: frame.text });
    else this.events.emit({ type: "garbage", detail: frame.detail });
  };

  send(text: string): void {
    if (this.closed) return;
    // Without a callback a send error (ECONNREFUSED) reaches the "error" listener.
    this.socket.send(text);
  }

  onEvent(listener: (e: TransportEvent) => void): () => void {
    return this.events.on(listener);
  }

  pendingBytes(): number {
    return 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.events.close();
    this.socket.close();
  }
}
