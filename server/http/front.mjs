// The HTTP front of the app: a node:http server in front of Next's request handler (server.mjs
// starts it; `npm start` and the browser tests run it). Two jobs that must happen before Next
// sees a request (docs/security.md):
// 1. The client address. `x-pc-client-ip` is overwritten on every request with the socket's
//    address, or, when TRUSTED_PROXIES (CIDRs) lists the socket, with the right-most
//    X-Forwarded-For hop that is not a trusted proxy. Every per-IP limit reads only that header.
// 2. Body size. Next buffers a request body in its proxy layer before any route handler can
//    answer, so a declared Content-Length over the cap is refused (413) before Next reads a byte,
//    and a chunked body is cut off at the cap. A declared body up to DRAIN_LIMIT is read and
//    dropped first (never buffered): closing a socket with unread data sends a TCP reset, which
//    can destroy the 413 before the client reads it. Larger ones are refused at once.
// Plain JavaScript (node runs it directly); types in front.d.mts.
import ipaddr from "ipaddr.js";

export const CLIENT_IP_HEADER = "x-pc-client-ip";
/** Far above any form or action here (the handoff submit needs 16 KB); Next's own cap is 10 MB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Over-cap bodies up to this size are drained before the 413 (lingering close, as nginx's). */
const DRAIN_LIMIT = 4 * 1024 * 1024;
/** A client that sends its body slower than this gets the 413 anyway. */
const DRAIN_MS = 5000;

/** "10.0.0.0/8, 2001:db8::/32, 203.0.113.7" → parsed ranges; throws on a bad entry. */
const strictAddress = (a) => ipaddr.IPv4.isValidFourPartDecimal(a) || ipaddr.IPv6.isValid(a);

/** The same rule as lib/validation/trusted-proxies.ts: a bad entry names the variable and stops. */
export function parseTrustedProxies(text) {
  if (!text?.trim()) return [];
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [address, bits, extra] = entry.split("/");
      const ok =
        strictAddress(address) && extra === undefined && (bits === undefined || /^\d{1,3}$/.test(bits));
      if (!ok || (bits !== undefined && !ipaddr.isValidCIDR(entry)))
        throw new Error(
          `TRUSTED_PROXIES: "${entry.slice(0, 60)}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 2001:db8::/32)`,
        );
      if (bits !== undefined) return ipaddr.parseCIDR(entry);
      const addr = ipaddr.parse(entry);
      return [addr, addr.kind() === "ipv4" ? 32 : 128];
    });
}

function parse(address) {
  if (typeof address !== "string" || !ipaddr.isValid(address.trim())) return null;
  return ipaddr.process(address.trim());
}

function isTrusted(addr, trusted) {
  return trusted.some(([range, bits]) => {
    const r = range.kind() === "ipv6" && range.isIPv4MappedAddress() ? range.toIPv4Address() : range;
    return addr.kind() === r.kind() && addr.match(r, bits);
  });
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then the right-most
 * X-Forwarded-For hop that is not trusted (a client can prepend anything, but not append).
 */
export function clientAddress(socketAddress, forwardedFor, trusted) {
  const peer = parse(socketAddress);
  if (!peer) return "unknown";
  if (trusted.length === 0 || !isTrusted(peer, trusted)) return peer.toString();
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  let last = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parse(hops[i]);
    // A malformed hop ends the chain: the last good address is the best we know.
    if (!hop) return last.toString();
    if (!isTrusted(hop, trusted)) return hop.toString();
    last = hop;
  }
  return last.toString();
}

function refuse(res, status, message) {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify({ error: { code: "payload_too_large", message } }));
}

/**
 * The request listener: sets the client-address header, enforces the body cap, then hands the
 * request to `handle` (Next's, or a test's).
 */
export function frontHandler({ handle, trusted = [], bodyLimit = DEFAULT_BODY_LIMIT }) {
  const tooLarge = `The request body is larger than ${bodyLimit} bytes.`;
  return (req, res) => {
    req.headers[CLIENT_IP_HEADER] = clientAddress(
      req.socket.remoteAddress,
      req.headers["x-forwarded-for"],
      trusted,
    );
    const declared = req.headers["content-length"];
    // NaN for a malformed Content-Length: refused like an oversize one, and never drained.
    const length = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : Number.NaN;
    if (declared !== undefined && !(length <= bodyLimit)) {
      if (length <= DRAIN_LIMIT) {
        const answer = () => {
          clearTimeout(timer);
          refuse(res, 413, tooLarge);
        };
        const timer = setTimeout(answer, DRAIN_MS);
        req.on("end", answer);
        req.on("error", () => clearTimeout(timer));
        req.resume();
        return;
      }
      // Refused before reading: the socket is closed with the answer, the body never arrives.
      refuse(res, 413, tooLarge);
      return;
    }
    if (declared === undefined && req.headers["transfer-encoding"] !== undefined) {
      let seen = 0;
      // Counts what the handler reads (a 'data' listener on a paused stream does not start it).
      req.on("data", (chunk) => {
        seen += chunk.length;
        if (seen > bodyLimit) {
          refuse(res, 413, tooLarge);
          req.destroy();
        }
      });
      req.pause();
    }
    return handle(req, res);
  };
}
