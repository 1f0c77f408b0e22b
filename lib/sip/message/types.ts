/** Typed, plain views of parsed SIP messages: the rest of lib/sip never sees jssip objects. */

export type ViaInfo = {
  transport: string;
  host: string;
  port: number | null;
  branch: string | null;
  /** RFC 3581: the port the server saw us on, when we asked with `;rport` and it filled it in. */
  rport: number | null;
  /** RFC 3261 18.2.1: the address the server saw us on, when it differs from the Via host. */
  received: string | null;
};

export type DigestChallenge = {
  realm: string;
  nonce: string;
  opaque: string | null;
  algorithm: string | null;
  qop: string[];
  stale: boolean;
};

export type ChallengeInfo = {
  header: "WWW-Authenticate" | "Proxy-Authenticate";
  scheme: string;
  /** Null when the scheme is not Digest or the parameters did not parse. */
  digest: DigestChallenge | null;
  raw: string;
};

export type ContactInfo = { uri: string; expires: number | null };

type MessageCommon = {
  via: ViaInfo;
  callId: string;
  cseq: { seq: number; method: string };
  fromTag: string | null;
  toTag: string | null;
  /** First value of a header, case-insensitive, compact forms not expanded. */
  header(name: string): string | null;
  raw: string;
};

export type SipResponse = MessageCommon & {
  kind: "response";
  statusCode: number;
  reason: string;
  contacts: ContactInfo[];
  challenges: ChallengeInfo[];
  expires: number | null;
  minExpires: number | null;
  retryAfter: number | null;
  server: string | null;
  userAgent: string | null;
};

export type SipRequest = MessageCommon & { kind: "request"; method: string; uri: string };

export type SipMessage = SipResponse | SipRequest;
