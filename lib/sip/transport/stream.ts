/** TCP and TLS transports: one connection, framed by Content-Length (./framing). */
import "server-only";
import net from "node:net";
import tls from "node:tls";
import { refuseLookup } from "@/lib/net/ports";
import { EventList } from "./emitter";
import { StreamFramer } from "./framing";
import { certInfo, verifyPeer } from "./tls-cert";
import type { OpenFailure, OpenOptions, OpenResult, SipTransport, TlsCertInfo } from "./types";
import { refusedByPolicy } from "./udp";

/**
 * Building a SecureContext parses every CA certificate (~20 ms and native memory per build); with
 * extra CAs Node would do that on every connection, so keep a few, keyed by the CA set.
 */
const contexts = new Map<string, tls.SecureContext>();
function secureContextFor(extraCa: string[] | undefined): tls.SecureContext | undefined {
  if (!extraCa?.length) return undefined;
  const key = extraCa.join("\n");
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCa] });
    if (contexts.size >= 8) contexts.clear();
    contexts.set(key, ctx);
  }
  return ctx;
}

type Connected = { ok: true; socket: net.Socket; tls: TlsCertInfo | null } | OpenFailure;

function connectError(
  err: NodeJS.ErrnoException,
  tlsHandshake: boolean,
  kind: "tcp" | "tls",
  port: number,
): OpenFailure {
  if (err.code === "ECONNREFUSED")
    return { ok: false, code: "unreachable", reason: { kind: "refused", transport: kind, port } };
  if (tlsHandshake || err.code?.startsWith("ERR_SSL") || err.code?.startsWith("ERR_TLS")) {
    return {
      ok: false,
      code: "tls_failed",
      reason: { kind: "handshake_failed", note: err.code ?? err.message },
      tls: { problem: "handshake", cert: null },
    };
  }
  return { ok: false, code: "unreachable", reason: { kind: "socket_error", note: err.code ?? err.message } };
}

function connect(opts: OpenOptions): Promise<Connected> {
  return new Promise((resolve) => {
    const isTls = opts.kind === "tls";
    let tcpUp = false;
    const socket: net.Socket = isTls
      ? tls.connect({
          host: opts.address,
          port: opts.port,
          lookup: refuseLookup,
          // SNI carries names only (RFC 6066 3); an IP literal domain sends none.
          servername: net.isIP(opts.hostname) ? undefined : opts.hostname,
          secureContext: secureContextFor(opts.tlsCa),
          // We verify ourselves after the handshake (verifyPeer) to name the exact problem; no
          // SIP byte is sent before that check passes.
          rejectUnauthorized: false,
        })
      : net.createConnection({ host: opts.address, port: opts.port, lookup: refuseLookup });
    const finish = (r: Connected) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      socket.removeAllListeners("error");
      if (!r.ok) {
        socket.on("error", () => {});
        socket.destroy();
      }
      resolve(r);
    };
    const onAbort = () => finish({ ok: false, code: "timeout", reason: { kind: "cancelled" } });
    opts.signal?.addEventListener("abort", onAbort);
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          code: "timeout",
          reason: tcpUp ? { kind: "handshake_timeout" } : { kind: "connect_timeout", port: opts.port },
        }),
      opts.timeoutMs,
    );
    socket.once("connect", () => {
      tcpUp = true;
    });
    socket.once("error", (err: NodeJS.ErrnoException) =>
      finish(connectError(err, isTls && tcpUp, isTls ? "tls" : "tcp", opts.port)),
    );
    if (!isTls) socket.once("connect", () => finish({ ok: true, socket, tls: null }));
    else
      socket.once("secureConnect", () => {
        const tlsSocket = socket as tls.TLSSocket;
        const cert = certInfo(tlsSocket);
        const problem = verifyPeer(tlsSocket, opts.hostname);
        if (problem)
          finish({
            ok: false,
            code: "tls_failed",
            reason: { kind: "certificate", problem: problem.problem, note: problem.note },
            tls: { problem: problem.problem, cert },
          });
        else finish({ ok: true, socket, tls: cert });
      });
  });
}

export async function openStream(opts: OpenOptions): Promise<OpenResult> {
  const blocked = refusedByPolicy(opts);
  if (blocked) return blocked;
  if (opts.signal?.aborted) return { ok: false, code: "timeout", reason: { kind: "cancelled" } };
  const c = await connect(opts);
  if (!c.ok) return c;
  const { socket } = c;
  socket.setNoDelay(true);
  const events = new EventList();
  const framer = new StreamFramer();
  let closed = false;
  socket.on("data", (chunk: Buffer) => {
    for (const frame of framer.push(chunk)) {
      if (frame.kind === "message") events.emit({ type: "message", text: frame.text });
      else {
        events.emit({
          type: "error",
          code: "protocol_error",
          reason: { kind: "unreadable", note: frame.detail },
        });
        socket.destroy();
      }
    }
  });
  socket.on("error", (err: NodeJS.ErrnoException) =>
    events.emit({
      type: "error",
      code: "closed",
      reason: { kind: "socket_error", note: err.code ?? err.message },
    }),
  );
  socket.on("close", () => events.emit({ type: "error", code: "closed", reason: { kind: "closed" } }));
  const transport: SipTransport = {
    kind: opts.kind,
    reliable: true,
    local: { address: socket.localAddress ?? "", port: socket.localPort ?? 0 },
    remote: { address: opts.address, port: opts.port },
    tls: c.tls,
    send(text) {
      if (!closed) socket.write(text, "utf8");
    },
    onEvent: (l) => events.on(l),
    pendingBytes: () => framer.pendingBytes,
    close() {
      if (closed) return;
      closed = true;
      events.close();
      socket.destroy();
    },
  };
  return { ok: true, transport };
}
