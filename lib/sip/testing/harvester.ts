/**
 * An attacker's SIP server on loopback: it challenges every REGISTER, like a PBX would, and
 * keeps every Authorization it receives (a digest is enough to recover a weak password offline).
 */
import { type Peer, responseTo, udpPeer } from "./peer";

export type Harvester = Peer & { digests: () => string[] };

export async function harvester(): Promise<Harvester> {
  const peer = await udpPeer((req) =>
    req.startsWith("REGISTER")
      ? responseTo(req, "401 Unauthorized", [
          'WWW-Authenticate: Digest realm="harvest", nonce="0123456789abcdef", qop="auth"',
        ])
      : responseTo(req, "200 OK"),
  );
  return Object.assign(peer, {
    digests: () => peer.received.filter((m) => /^(?:Proxy-)?Authorization:/im.test(m)),
  });
}
