/**
 * A scripted SIP peer on loopback, only for what a real PBX cannot be made to send (garbage,
 * oversize, bad Content-Length, endless folding, silence). Each handler gets the request text and
 * returns what to send back (string/Buffer, several, or nothing).
 */
import dgram from "node:dgram";
import net from "node:net";

export type Reply = string | Buffer | Array<string | Buffer> | null;
export type Handler = (request: string, count: number) => Reply;

export type Peer = { port: number; received: string[]; close(): Promise<void> };

function toList(r: Reply): Buffer[] {
  if (r === null) return [];
  return (Array.isArray(r) ? r : [r]).map((x) => (typeof x === "string" ? Buffer.from(x) : x));
}

export async function udpPeer(handler: Handler): Promise<Peer> {
  const socket = dgram.createSocket("udp4");
  const received: string[] = [];
  socket.on("message", (buf, rinfo) => {
    received.push(buf.toString());
    for (const out of toList(handler(buf.toString(), received.length)))
      socket.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  return {
    port: socket.address().port,
    received,
    close: () => new Promise((r) => socket.close(() => r())),
  };
}

export async function tcpPeer(handler: Handler): Promise<Peer> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
    s.on("close", () => sockets.delete(s));
    s.on("data", (buf) => {
      received.push(buf.toString());
      for (const out of toList(handler(buf.toString(), received.length))) s.write(out);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP port");
  return {
    port: address.port,
    received,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port with nothing listening on TCP or UDP: bind, note the port, close. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Answers `request` with `status`, copying Via/From/To/Call-ID/CSeq as a server would. */
export function responseTo(
  request: string,
  status: string,
  extra: string[] = [],
  opts: { via?: string } = {},
): string {
  const get = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "mi").exec(request)?.[1]?.trim() ?? "";
  const lines = [
    `SIP/2.0 ${status}`,
    `Via: ${opts.via ?? get("Via")}`,
    `From: ${get("From")}`,
    `To: ${get("To")};tag=peer`,
    `Call-ID: ${get("Call-ID")}`,
    `CSeq: ${get("CSeq")}`,
    ...extra,
    "Content-Length: 0",
  ];
  return `${lines.join("\r\n")}\r\n\r\n`;
}
