/**
 * Characters that would split or end a SIP header line (RFC 3261 §7.3.1: a header ends at CRLF):
 * CR, LF and NUL, plus U+0085/2028/2029, which many parsers and log viewers also treat as line
 * breaks. The form schema refuses them in every header-bound field, and the engine checks again.
 */
export const HEADER_BREAKS = /[\r\n\0\u0085\u2028\u2029]/;
