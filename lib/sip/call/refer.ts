/**
 * Blind transfer (RFC 3515): REFER inside the call's dialog, then the NOTIFYs of the implicit
 * subscription, whose message/sipfrag bodies (RFC 3420) carry the status line of the transferee's
 * INVITE to the target (RFC 3515 2.4.5). A final sipfrag or `Subscription-State: terminated`
 * ends the wait.
 */
import "server-only";
import type { Reply } from "./agent";
import type { CallMessage } from "./sip-view";

export type TransferOutcome = "transfer_ok" | "transfer_refused" | "transfer_unconfirmed";
export type NotifyReport = { status: number; reason: string; subscriptionState: string | null };

const STATUS_LINE = /^SIP\/2\.0 ([1-6][0-9]{2}) ?([^\r\n]{0,200})/;

/** The status line of a sipfrag body, or null when the body is no sipfrag we can read. */
export function parseSipfrag(body: string): { status: number; reason: string } | null {
  if (body.length > 4096) return null;
  const m = STATUS_LINE.exec(body.trimStart());
  return m ? { status: Number(m[1]), reason: (m[2] ?? "").trim() } : null;
}

/** Collects NOTIFYs for one REFER; `onRequest` answers them (RFC 3265 3.2.4: 200 OK). */
export class ReferWatch {
  readonly notify: NotifyReport[] = [];
  private resolveFinal: (r: NotifyReport | null) => void = () => {};
  readonly final: Promise<NotifyReport | null>;

  constructor() {
    this.final = new Promise((r) => {
      this.resolveFinal = r;
    });
  }

  /** For the dialog's request handler: returns null when the request is not a NOTIFY for refer. */
  handle(m: CallMessage): Reply | null {
    if (m.msg.kind !== "request" || m.msg.method !== "NOTIFY") return null;
    const event = (m.first("event") ?? "").toLowerCase();
    if (!event.startsWith("refer")) return { code: 489, reason: "Bad Event" };
    const frag = parseSipfrag(m.body);
    const state = m.first("subscription-state");
    if (!frag) return { code: 400, reason: "Bad Request" };
    const report = {
      status: frag.status,
      reason: frag.reason,
      subscriptionState: state?.split(";")[0]?.trim() ?? null,
    };
    if (this.notify.length < 16) this.notify.push(report);
    if (frag.status >= 200 || report.subscriptionState === "terminated") this.resolveFinal(report);
    return { code: 200, reason: "OK" };
  }

  giveUp(): void {
    this.resolveFinal(null);
  }
}

/** RFC 3515 2.4.5 and 2.4.2: the REFER's own answer first, then the final NOTIFY. */
export function transferOutcome(referStatus: number | null, final: NotifyReport | null): TransferOutcome {
  if (referStatus === null) return "transfer_unconfirmed";
  if (referStatus >= 300) return "transfer_refused";
  if (final === null) return "transfer_unconfirmed";
  if (final.status >= 200 && final.status < 300) return "transfer_ok";
  return final.status >= 300 ? "transfer_refused" : "transfer_unconfirmed";
}
