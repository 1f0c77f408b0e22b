import net from "node:net";

/** A loopback TCP port that was free a moment ago (nothing listens there until someone binds it). */
export async function freeTcpPort(host = "127.0.0.1"): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, host, r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (!address || typeof address === "string") throw new Error(`no free TCP port on ${host}`);
  return address.port;
}
