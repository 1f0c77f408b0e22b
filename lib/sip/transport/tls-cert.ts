/** Turns Node's certificate verdicts into the precise problems the advice names (expired, self-signed...). */
import "server-only";
import type { PeerCertificate, TLSSocket } from "node:tls";
import { checkServerIdentity } from "node:tls";
import type { CertProblem, TlsCertInfo } from "./types";

const PROBLEMS: Record<string, CertProblem> = {
  CERT_HAS_EXPIRED: "expired",
  CERT_NOT_YET_VALID: "not_yet_valid",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self_signed",
  SELF_SIGNED_CERT_IN_CHAIN: "self_signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "untrusted",
  UNABLE_TO_GET_ISSUER_CERT: "untrusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "untrusted",
  CERT_UNTRUSTED: "untrusted",
  CERT_SIGNATURE_FAILURE: "untrusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "wrong_host",
};

/** Node reports OpenSSL verify results as a code string, and its own identity check as an Error. */
function reasonCode(reason: unknown): string {
  if (typeof reason === "string") return reason;
  if (reason instanceof Error) return (reason as NodeJS.ErrnoException).code ?? reason.message;
  return "unknown";
}

function subjectName(cert: PeerCertificate): string | null {
  const cn = cert.subject?.CN;
  if (typeof cn === "string" && cn) return cn;
  const san = /DNS:([^,\s]+)/.exec(cert.subjectaltname ?? "");
  return san?.[1] ?? null;
}

function issuerName(cert: PeerCertificate): string | null {
  const cn = cert.issuer?.CN ?? cert.issuer?.O;
  return typeof cn === "string" && cn ? cn : null;
}

export function certInfo(socket: TLSSocket): TlsCertInfo | null {
  const cert = socket.getPeerCertificate(false);
  if (!cert || Object.keys(cert).length === 0) return null;
  const subject = subjectName(cert);
  const issuer = issuerName(cert);
  const iso = (d: string | undefined) =>
    d && !Number.isNaN(Date.parse(d)) ? new Date(d).toISOString() : null;
  return {
    subject,
    issuer,
    validFrom: iso(cert.valid_from),
    validTo: iso(cert.valid_to),
    selfSigned: JSON.stringify(cert.subject) === JSON.stringify(cert.issuer),
  };
}

/**
 * Null when the chain verified and the certificate names `hostname` (RFC 5922 7.2: the SIP
 * domain, matched against subjectAltName); otherwise the problem and a sentence for the trace.
 */
export function verifyPeer(
  socket: TLSSocket,
  hostname: string,
): { problem: CertProblem; note: string } | null {
  const cert = socket.getPeerCertificate(false);
  if (!socket.authorized) {
    const reason: unknown = socket.authorizationError;
    const code = reasonCode(reason);
    const problem = PROBLEMS[code] ?? "untrusted";
    const note = problem === "wrong_host" && reason instanceof Error ? reason.message : code;
    return { problem, note };
  }
  const identity = checkServerIdentity(hostname, cert);
  if (identity) return { problem: "wrong_host", note: identity.message };
  return null;
}
