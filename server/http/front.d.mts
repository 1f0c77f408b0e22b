import type { IncomingMessage, ServerResponse } from "node:http";
import type { IPv4, IPv6 } from "ipaddr.js";

export const CLIENT_IP_HEADER: "x-pc-client-ip";
export const DEFAULT_BODY_LIMIT: number;
export type TrustedRange = [IPv4 | IPv6, number];
export function parseTrustedProxies(text: string | undefined): TrustedRange[];
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedRange[],
): string;
export function frontHandler(o: {
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  trusted?: TrustedRange[];
  bodyLimit?: number;
}): (req: IncomingMessage, res: ServerResponse) => unknown;
