/** Opens a UDP, TCP or TLS transport to one checked address. */
import "server-only";
import { openStream } from "./stream";
import type { OpenOptions, OpenResult } from "./types";
import { openUdp } from "./udp";

export type * from "./types";

export function openTransport(opts: OpenOptions): Promise<OpenResult> {
  return opts.kind === "udp" ? openUdp(opts) : openStream(opts);
}
