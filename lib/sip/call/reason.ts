/** One line of technical text for a transport or transaction failure reason (call details, logs). */
import type { FailureReason } from "../transport/types";

export function reasonText(r: FailureReason): string {
  switch (r.kind) {
    case "refused":
      return `${r.transport.toUpperCase()} port ${r.port} refused`;
    case "connect_timeout":
      return `no connection to port ${r.port} in time`;
    case "handshake_timeout":
      return "TLS handshake timed out";
    case "handshake_failed":
    case "certificate":
    case "socket_error":
    case "unreadable":
    case "policy":
      return r.note;
    case "cancelled":
      return "cancelled";
    case "closed":
      return "connection closed";
    case "no_answer":
      return `no answer to ${r.method} within ${r.budgetMs} ms (sent ${r.sends} times)`;
    case "incomplete":
      return `an incomplete reply (${r.bytes} bytes)`;
    case "header_break":
      return `refused to send a line break in ${r.header}`;
  }
}
