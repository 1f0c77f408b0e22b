/**
 * A hostile PBX for the scrubber's tests: it challenges, then answers the credentialed REGISTER
 * with 403 and echoes the password and our whole Authorization value (digest response, nonce,
 * cnonce, nc) in the status line, in custom headers and in a body. No real PBX can be made to.
 */
import { type Peer, responseTo, udpPeer } from "./peer";

export const ECHO_REALM = "echo.test";

export type EchoPeer = Peer & { responses: string[] };

export async function echoPeer(password: string): Promise<EchoPeer> {
  const responses: string[] = [];
  const peer = await udpPeer((req) => {
    if (req.startsWith("OPTIONS")) return responseTo(req, "200 OK");
    const auth = /^Authorization:\s*(.*)$/im.exec(req)?.[1]?.trim();
    if (!auth)
      return responseTo(req, "401 Unauthorized", [
        `WWW-Authenticate: Digest realm="${ECHO_REALM}", nonce="5f1d2a3b4c5d6e7f", qop="auth", algorithm=MD5`,
      ]);
    const response = /response="([0-9a-f]+)"/i.exec(auth)?.[1] ?? "";
    responses.push(response);
    const body = `you sent ${password} and ${response} (${auth})\r\n`;
    const head = responseTo(req, `403 Forbidden ${password} ${response.toUpperCase()}`, [
      `X-Echo: ${auth}`,
      `X-Pass: ${password}`,
      `Reason: SIP;cause=403;text="${response}"`,
      "Content-Type: text/plain",
    ]).replace("Content-Length: 0", `Content-Length: ${Buffer.byteLength(body)}`);
    return head + body;
  });
  return Object.assign(peer, { responses });
}
