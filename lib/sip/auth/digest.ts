/**
 * HTTP Digest for SIP (RFC 7616, RFC 2617, RFC 8760 for SIP): MD5, SHA-256, SHA-512-256 and their
 * -sess variants; qop `auth` (and `auth-int`, whose body hash is trivial for our empty bodies).
 * Pure functions: the cnonce is passed in, so RFC vectors can be checked exactly.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { DigestChallenge } from "../message/types";

export type { DigestChallenge };

export type DigestInput = {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  uri: string;
  cnonce: string;
  /** Nonce count, 1 for the first use of a nonce (RFC 7616 3.4: 8 hex digits on the wire). */
  nc: number;
  body?: string;
};

export type DigestResult =
  | { ok: true; response: string; headerValue: string; algorithm: string; qop: "auth" | "auth-int" | null }
  | { ok: false; code: "unsupported_auth"; detail: string; algorithm: string };

type Algo = { name: string; hash: "md5" | "sha256" | "sha512-256"; sess: boolean };

const ALGORITHMS: Record<string, Algo> = {
  MD5: { name: "MD5", hash: "md5", sess: false },
  "MD5-SESS": { name: "MD5-sess", hash: "md5", sess: true },
  "SHA-256": { name: "SHA-256", hash: "sha256", sess: false },
  "SHA-256-SESS": { name: "SHA-256-sess", hash: "sha256", sess: true },
  "SHA-512-256": { name: "SHA-512-256", hash: "sha512-256", sess: false },
  "SHA-512-256-SESS": { name: "SHA-512-256-sess", hash: "sha512-256", sess: true },
};

export function isSupportedAlgorithm(algorithm: string | null): boolean {
  return ALGORITHMS[(algorithm ?? "MD5").toUpperCase()] !== undefined;
}

/** RFC 8760 2.4 (and RFC 7616 3.7): use the first challenge, in the server's order, that we support. */
export function chooseChallenge<T extends { digest: DigestChallenge | null }>(challenges: T[]): T | null {
  return challenges.find((c) => c.digest !== null && isSupportedAlgorithm(c.digest.algorithm)) ?? null;
}

const hashWith = (hash: Algo["hash"]) => (s: string) => createHash(hash).update(s, "utf8").digest("hex");

/** A quoted-string value (RFC 3261 25.1): backslash-escape `"` and `\`. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function computeDigest(input: DigestInput): DigestResult {
  const { challenge: c } = input;
  const given = c.algorithm ?? "MD5";
  const algo = ALGORITHMS[given.toUpperCase()];
  if (!algo)
    return { ok: false, code: "unsupported_auth", detail: `digest algorithm ${given}`, algorithm: given };
  const qop = c.qop.includes("auth") ? "auth" : c.qop.includes("auth-int") ? "auth-int" : null;
  if (c.qop.length > 0 && qop === null) {
    return { ok: false, code: "unsupported_auth", detail: `qop ${c.qop.join(",")}`, algorithm: given };
  }
  const H = hashWith(algo.hash);
  const nc = input.nc.toString(16).padStart(8, "0");

  // RFC 7616 3.4.2: A1, with the -sess variant folding in nonce and cnonce.
  let ha1 = H(`${input.username}:${c.realm}:${input.password}`);
  if (algo.sess) ha1 = H(`${ha1}:${c.nonce}:${input.cnonce}`);
  // RFC 7616 3.4.3: A2; auth-int adds the body hash.
  const a2 =
    qop === "auth-int"
      ? `${input.method}:${input.uri}:${H(input.body ?? "")}`
      : `${input.method}:${input.uri}`;
  const ha2 = H(a2);
  // RFC 7616 3.4.1; without qop, the RFC 2069 form kept by RFC 2617 3.2.2.1.
  const response = qop
    ? H(`${ha1}:${c.nonce}:${nc}:${input.cnonce}:${qop}:${ha2}`)
    : H(`${ha1}:${c.nonce}:${ha2}`);

  const params = [
    `username=${quote(input.username)}`,
    `realm=${quote(c.realm)}`,
    `nonce=${quote(c.nonce)}`,
    `uri=${quote(input.uri)}`,
    `response="${response}"`,
    `algorithm=${algo.name}`,
  ];
  if (qop) params.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(input.cnonce)}`);
  if (c.opaque !== null) params.push(`opaque=${quote(c.opaque)}`);
  return { ok: true, response, headerValue: `Digest ${params.join(", ")}`, algorithm: algo.name, qop };
}

/**
 * Quoted strings are matched first and kept, so a `response=` inside a server-chosen realm or
 * nonce, or inside the username, cannot divert the redaction from the real parameter.
 */
const AUTH_PARAMS = /("(?:[^"\\]|\\.)*")|((?:^|[\s,])response\s*=\s*)("(?:[^"\\]|\\.)*"|[^,\s]*)/gi;

/** For traces: the `response=` is password-derived, so it never leaves the engine. */
export function redactCredentials(text: string): string {
  return text.replace(/^((?:Proxy-)?Authorization\s*:)(.*)$/gim, (_m, name: string, value: string) => {
    const clean = value.replace(AUTH_PARAMS, (m, quoted: string | undefined, head: string) =>
      quoted ? m : `${head}"[redacted]"`,
    );
    return `${name}${clean}`;
  });
}
