/**
 * The INVITE server transaction and the UAS core's 2xx handling (RFC 3261 17.2.1, 13.3.1.4):
 *
 *   INVITE ─► Proceeding ──(100 at once, 180)──┐
 *                │  ├─ 2xx ─► Accepted: 2xx resent at T1, 2·T1 … T2 until the ACK ─► Confirmed
 *                │  │                    no ACK within 64·T1 ─► Terminated (no_ack)
 *                │  └─ 3xx–6xx ─► Completed: resent (Timer G) until the ACK, Timer H ─► Terminated
 *                └─ CANCEL ─► 200 to the CANCEL, 487 to the INVITE ─► Completed
 *
 * A retransmitted INVITE gets the last response again.
 */
import "server-only";
import type { CallAgent } from "./agent";
import { type Dialog, dialogAsUas } from "./dialog";
import type { CallMessage } from "./sip-view";

export type ServerInviteState = "proceeding" | "accepted" | "completed" | "confirmed" | "terminated";

export class ServerInvite {
  state: ServerInviteState = "proceeding";
  readonly toTag: string;
  readonly receivedAt = performance.now();
  answeredAt: number | null = null;
  dialog: Dialog | null = null;
  /** The ACK to our 2xx, with its body (the SDP answer when the INVITE carried no offer). */
  ack: Promise<CallMessage | null>;
  cancelled: Promise<void>;
  private resolveAck: (m: CallMessage | null) => void = () => {};
  private resolveCancel: () => void = () => {};
  private last: string | null = null;
  private retransmit: NodeJS.Timeout | null = null;
  private giveUp: NodeJS.Timeout | null = null;
  private readonly stopWatching: () => void;
  private stopAck: () => void = () => {};

  constructor(
    private readonly agent: CallAgent,
    readonly invite: CallMessage,
  ) {
    this.toTag = agent.ids.tag();
    this.ack = new Promise((r) => {
      this.resolveAck = r;
    });
    this.cancelled = new Promise((r) => {
      this.resolveCancel = r;
    });
    const branch = invite.msg.via.branch ?? "";
    this.stopWatching = agent.watchServerInvite(branch, (m) => this.onMatch(m));
    this.send(100, "Trying");
  }

  ring(): void {
    if (this.state === "proceeding") this.send(180, "Ringing");
  }

  /** 2xx with our SDP; returns the dialog, or null when the INVITE lacks what a dialog needs. */
  accept(sdp: string): Dialog | null {
    if (this.state !== "proceeding") return null;
    const dialog = dialogAsUas(this.invite, this.toTag);
    if (!dialog) {
      this.reject(400, "Bad Request");
      return null;
    }
    this.dialog = dialog;
    this.state = "accepted";
    this.answeredAt = performance.now();
    this.send(200, "OK", { type: "application/sdp", text: sdp });
    this.stopAck = this.agent.watchAck(dialog.callId, this.toTag, (m) => {
      if (m.msg.cseq.seq !== this.invite.msg.cseq.seq || this.state !== "accepted") return;
      this.state = "confirmed";
      this.finish(m);
    });
    this.schedule();
    return dialog;
  }

  reject(code: number, reason: string, extra: Array<[string, string]> = []): void {
    if (this.state !== "proceeding") return;
    this.state = "completed";
    this.send(code, reason, undefined, extra);
    this.schedule();
  }

  close(): void {
    if (this.state !== "confirmed") this.state = "terminated";
    this.finish(null);
  }

  private schedule(): void {
    const { t1, t2 } = this.agent.timers;
    if (!this.agent.transport.reliable) {
      let interval = t1;
      const again = () => {
        if (this.last) this.agent.sendRaw(this.last);
        interval = Math.min(interval * 2, t2);
        this.retransmit = setTimeout(again, interval);
      };
      this.retransmit = setTimeout(again, interval);
    }
    this.giveUp = setTimeout(() => {
      this.state = "terminated";
      this.finish(null);
    }, 64 * t1);
  }

  private finish(ack: CallMessage | null): void {
    if (this.retransmit) clearTimeout(this.retransmit);
    if (this.giveUp) clearTimeout(this.giveUp);
    this.stopWatching();
    this.stopAck();
    this.resolveAck(ack);
  }

  private onMatch(m: CallMessage): void {
    if (m.msg.kind !== "request") return;
    if (m.msg.method === "INVITE") {
      if (this.last) this.agent.sendRaw(this.last);
    } else if (m.msg.method === "ACK" && this.state === "completed") {
      this.finish(m); // 17.2.1: the ACK of a non-2xx ends the retransmissions (Timer I is not needed)
    } else if (m.msg.method === "ACK" && this.state === "accepted") {
      this.state = "confirmed"; // a 2xx ACK that reused the INVITE's branch
      this.finish(m);
    } else if (m.msg.method === "CANCEL") {
      // RFC 3261 9.2: the CANCEL is answered either way; the INVITE only while no final was sent.
      this.agent.respond(m, 200, "OK", { toTag: this.toTag });
      if (this.state === "proceeding") {
        this.reject(487, "Request Terminated");
        this.resolveCancel();
      }
    }
  }

  private send(
    code: number,
    reason: string,
    body?: { type: string; text: string },
    extra: Array<[string, string]> = [],
  ): void {
    const built = this.agent.respond(this.invite, code, reason, {
      toTag: this.toTag,
      contact: code < 300 && code > 100 ? this.agent.contact() : undefined,
      body,
      extra,
    });
    if (built.ok) this.last = built.text;
  }
}
