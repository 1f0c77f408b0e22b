/** The call's SIP ladder for support: every message in and out, credentials redacted, capped. */
import "server-only";
import { redactCredentials } from "../auth/digest";

export type CallTraceEntry = { at: number; direction: "sent" | "received"; firstLine: string; text: string };

const MAX_ENTRIES = 300;

export class CallTrace {
  readonly entries: CallTraceEntry[] = [];
  private readonly t0 = performance.now();

  /** `onSent` sees every message we send, raw, before the cap: the Scrubber learns our digests. */
  constructor(private readonly onSent?: (text: string) => void) {}

  add(direction: "sent" | "received", text: string): void {
    if (direction === "sent") this.onSent?.(text);
    if (this.entries.length >= MAX_ENTRIES) return;
    const clean = redactCredentials(text);
    const eol = clean.indexOf("\r\n");
    this.entries.push({
      at: Math.round(performance.now() - this.t0),
      direction,
      firstLine: (eol >= 0 ? clean.slice(0, eol) : clean).slice(0, 200),
      text: clean,
    });
  }
}
