/**
 * A hostile PBX for the scrubber's tests: it challenges, then answers the credentialed REGISTER
 * with 403 and echoes the password and our whole Authorization value (digest response, nonce,
 * cnonce, nc) in the status line, in custom headers and in a body. No real PBX can be made to.
 */
import { createHash } from "node:crypto";
import dgram from "node:dgram";
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

/**
 * The same hostile PBX for the test call, on one UDP socket. Outbound: the first INVITE gets a
 * 407, the credentialed one a 183 and a 403 that echo the password and our Proxy-Authorization
 * (status line, headers, body). Inbound: REGISTER is challenged, then bound with our Authorization
 * echoed; `invite()` then calls the account with the password and our last digest response in
 * From, Diversion and History-Info, offering only a codec we refuse (488, which it ACKs).
 */
export type CallEchoPeer = {
  port: number;
  received: string[];
  /** Every digest `response=` we sent, in order. */
  responses: string[];
  invite(): void;
  close(): Promise<void>;
};

export async function callEchoPeer(password: string): Promise<CallEchoPeer> {
  const socket = dgram.createSocket("udp4");
  const received: string[] = [];
  const responses: string[] = [];
  let caller: { port: number; address: string } | null = null;
  let inviteText = "";
  const send = (text: string, to: { port: number; address: string }) =>
    socket.send(text, to.port, to.address);
  const withBody = (head: string, body: string) =>
    head.replace(
      "Content-Length: 0",
      `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}`,
    ) + body;

  socket.on("message", (buf, rinfo) => {
    const text = buf.toString();
    received.push(text);
    const from = { port: rinfo.port, address: rinfo.address };
    if (text.startsWith("SIP/2.0 488")) {
      // RFC 3261 17.1.1.3: the ACK of a non-2xx final response reuses the INVITE's branch.
      const to = /^To:\s*(.*)$/im.exec(text)?.[1]?.trim() ?? "";
      const ack = inviteText
        .split("\r\n\r\n")[0]
        ?.replace(/^INVITE /, "ACK ")
        .replace(/^To:.*$/im, `To: ${to}`)
        .replace(/^CSeq:.*$/im, "CSeq: 1 ACK")
        .replace(/^Content-Type:.*\r\n/im, "")
        .replace(/^Content-Length:.*$/im, "Content-Length: 0");
      send(`${ack}\r\n\r\n`, from);
      return;
    }
    if (text.startsWith("SIP/2.0") || text.startsWith("ACK")) return;
    const auth = /^(?:Proxy-)?Authorization:\s*(.*)$/im.exec(text)?.[1]?.trim();
    const response = auth ? (/response="([0-9a-f]+)"/i.exec(auth)?.[1] ?? "") : "";
    if (auth) responses.push(response);
    // RFC 7616 3.4.2 A1, as a PBX that knows the password could print it.
    const user = auth ? (/username="([^"]*)"/i.exec(auth)?.[1] ?? "") : "";
    const ha1 = createHash("md5").update(`${user}:${ECHO_REALM}:${password}`).digest("hex");
    const register = text.startsWith("REGISTER");
    if (!auth && (register || text.startsWith("INVITE"))) {
      // RFC 3261 22.2: a registrar challenges with 401, a proxy (the INVITE) with 407.
      const [status, header] = register
        ? ["401 Unauthorized", "WWW-Authenticate"]
        : ["407 Proxy Authentication Required", "Proxy-Authenticate"];
      if (register) caller = from;
      const challenge = `Digest realm="${ECHO_REALM}", nonce="6a1d2a3b4c5d6e7f", qop="auth", algorithm=MD5`;
      send(responseTo(text, status, [`${header}: ${challenge}`]), from);
      return;
    }
    if (register) {
      caller = from;
      send(
        responseTo(text, "200 OK", [
          `X-Echo: ${auth}`,
          `X-Pass: ${password}`,
          `X-Ha1: ${ha1}`,
          "Expires: 120",
        ]),
        from,
      );
      return;
    }
    if (text.startsWith("INVITE")) {
      send(responseTo(text, `183 Session Progress ${password}`, [`X-Echo: ${auth}`]), from);
      const body = `you sent ${password} and ${response} (${auth}), ha1 ${ha1.toUpperCase()}\r\n`;
      send(
        withBody(
          responseTo(text, `403 Forbidden ${password} ${response.toUpperCase()}`, [
            `X-Echo: ${auth}`,
            `X-Pass: ${password}`,
            `Reason: SIP;cause=403;text="${response}"`,
          ]),
          body,
        ),
        from,
      );
      return;
    }
    send(responseTo(text, "200 OK"), from);
  });
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  const port = socket.address().port;

  return {
    port,
    received,
    responses,
    invite() {
      if (!caller) throw new Error("nothing registered yet");
      const last = responses.at(-1) ?? "";
      const sdp = [
        "v=0",
        "o=- 1 1 IN IP4 127.0.0.1",
        "s=-",
        "c=IN IP4 127.0.0.1",
        "t=0 0",
        "m=audio 40000 RTP/AVP 18",
        "a=rtpmap:18 G729/8000",
        "",
      ].join("\r\n");
      inviteText = [
        `INVITE sip:1050@127.0.0.1:${caller.port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-echo-invite`,
        "Max-Forwards: 70",
        `From: "${password} ${last}" <sip:caller@127.0.0.1>;tag=echo-caller`,
        "To: <sip:1050@127.0.0.1>",
        "Call-ID: echo-call@127.0.0.1",
        "CSeq: 1 INVITE",
        `Contact: <sip:caller@127.0.0.1:${port}>`,
        `Diversion: <sip:1050@127.0.0.1>;reason="${password} ${last.toUpperCase()}"`,
        `History-Info: <sip:1050@127.0.0.1?Reason=SIP%3Btext%3D%22${last}%22>;index=1;x="${password}"`,
        `X-Echo: response="${last}"`,
        "Content-Type: application/sdp",
        `Content-Length: ${Buffer.byteLength(sdp)}`,
        "",
        sdp,
      ].join("\r\n");
      send(inviteText, caller);
    },
    close: () => new Promise((r) => socket.close(() => r())),
  };
}
