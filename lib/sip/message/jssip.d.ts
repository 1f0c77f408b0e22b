// jssip ships no declarations for its message parser; only lib/sip/message/parse.ts imports it.
declare module "jssip/lib/Parser" {
  import type { IncomingRequest, IncomingResponse } from "jssip/lib/SIPMessage";

  /** Returns undefined when the text is not a SIP message (jssip logs instead of throwing). */
  export function parseMessage(data: string, ua?: unknown): IncomingRequest | IncomingResponse | undefined;
}
