/**
 * Hard caps on what we accept from a peer. Anything larger or stranger is a `protocol_error`: a
 * PBX never needs more, and a hostile or non-SIP peer must not make us buffer without bound.
 */
export const LIMITS = {
  /** Whole message, start line + headers + body. */
  maxMessageBytes: 8 * 1024,
  maxHeaders: 64,
  /** One header, after unfolding continuation lines (RFC 3261 7.3.1). */
  maxHeaderLineBytes: 2 * 1024,
  maxBodyBytes: 4 * 1024,
  maxContentLengthDigits: 5,
} as const;
