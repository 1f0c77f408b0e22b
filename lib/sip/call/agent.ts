/**
 * The user agent core of a test call over one transport to the PBX (RFC 3261 8, 12, 17): it reads
 * every request the PBX sends, answers what it can by itself (OPTIONS, retransmissions, requests
 * for unknown dialogs), hands new INVITEs and in-dialog requests to their owners, and sends our
 * requests. Non-INVITE client transactions reuse lib/sip/transaction; the INVITE transactions
 * live in invite-server.ts and invite-client.ts. All signalling goes through the one transport,
 * like a phone that uses the PBX as its outbound proxy.
 */
import "server-only";
import { escapeUser, hostForUri } from "../message/build";
import { type Ids, makeIds } from "../message/ids";
import { DEFAULT_TIMERS, type Timers, TransactionLayer, type TxOutcome } from "../transaction/client";
import type { SipTransport } from "../transport/types";
import { type Dialog, inDialog } from "./dialog";
import { type CallMessage, readMessage } from "./sip-view";
import type { CallTrace } from "./trace";
import { type Built, buildCallRequest, buildResponse, type ResponseOptions } from "./wire";

export type AgentIdentity = {
  username: string;
  domainHost: string;
  userAgent: string;
  /** Where the PBX reaches us: our public address when configured, else the socket's own. */
  contactHost: string;
  contactPort: number;
};

export type Reply = {
  code: number;
  reason: string;
  extra?: Array<[string, string]>;
  body?: { type: string; text: string };
};
export type DialogHandler = { dialog: Dialog; onRequest(m: CallMessage): Reply };
export type InviteWatcher = (m: CallMessage) => void;

const VIA = { udp: "UDP", tcp: "TCP", tls: "TLS" } as const;
const REMEMBER_MS = 32_000; // RFC 3261 17.2.2 Timer J for UDP: 64·T1
const INVITE_CSEQ = /^CSeq:[ \t]*\d+[ \t]+INVITE[ \t]*$/im;

export class CallAgent {
  readonly layer: TransactionLayer;
  readonly ids: Ids;
  readonly timers: Timers;
  onInvite: ((m: CallMessage) => void) | null = null;
  /** ACKs by Call-ID and To tag (2xx ACKs are their own transaction, RFC 3261 17.1.1.3). */
  private readonly ackWatchers = new Map<string, (m: CallMessage) => void>();
  /** Requests that match a server INVITE transaction: retransmitted INVITE, non-2xx ACK, CANCEL. */
  private readonly serverInvites = new Map<string, (m: CallMessage) => void>();
  private readonly clientInvites = new Map<string, InviteWatcher>();
  private readonly dialogs = new Set<DialogHandler>();
  private readonly answered = new Map<string, string>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    readonly transport: SipTransport,
    readonly id: AgentIdentity,
    readonly trace: CallTrace,
    opts: { timers?: Timers; ids?: Ids } = {},
  ) {
    this.ids = opts.ids ?? makeIds();
    this.timers = opts.timers ?? DEFAULT_TIMERS;
    this.layer = new TransactionLayer(transport, {
      timers: this.timers,
      onWire: (e) => {
        // Only our non-INVITE requests are logged here; everything received is logged below.
        if (e.direction === "sent") this.trace.add("sent", e.text);
      },
    });
    this.unsubscribe = transport.onEvent((e) => {
      if (e.type === "message") this.onMessage(e.text);
    });
  }

  get aor(): string {
    return `sip:${escapeUser(this.id.username)}@${hostForUri(this.id.domainHost)}`;
  }

  contactUri(): string {
    const param = this.transport.kind === "udp" ? "" : `;transport=${this.transport.kind}`;
    return `sip:${escapeUser(this.id.username)}@${hostForUri(this.id.contactHost)}:${this.id.contactPort}${param}`;
  }

  contact(): string {
    return `<${this.contactUri()}>`;
  }

  via(branch: string) {
    return {
      transport: VIA[this.transport.kind],
      host: this.id.contactHost,
      port: this.id.contactPort,
      branch,
    };
  }

  sendRaw(text: string): void {
    if (this.closed) return;
    this.trace.add("sent", text);
    this.transport.send(text);
  }

  respond(req: CallMessage, code: number, reason: string, o: Omit<ResponseOptions, "userAgent"> = {}): Built {
    const built = buildResponse(req, code, reason, { ...o, userAgent: this.id.userAgent });
    if (built.ok) {
      this.sendRaw(built.text);
      if (req.msg.kind === "request" && req.msg.method !== "INVITE" && req.msg.via.branch) {
        const key = `${req.msg.via.branch} ${req.msg.method}`;
        this.answered.set(key, built.text);
        setTimeout(() => this.answered.delete(key), this.transport.reliable ? 0 : REMEMBER_MS).unref();
      }
    }
    return built;
  }

  watchAck(callId: string, toTag: string, f: (m: CallMessage) => void): () => void {
    const key = `${callId} ${toTag}`;
    this.ackWatchers.set(key, f);
    return () => this.ackWatchers.delete(key);
  }

  watchServerInvite(branch: string, f: (m: CallMessage) => void): () => void {
    this.serverInvites.set(branch, f);
    return () => this.serverInvites.delete(branch);
  }

  watchClientInvite(branch: string, f: InviteWatcher): () => void {
    this.clientInvites.set(branch, f);
    return () => this.clientInvites.delete(branch);
  }

  addDialog(h: DialogHandler): () => void {
    this.dialogs.add(h);
    return () => this.dialogs.delete(h);
  }

  /** A non-INVITE request inside a dialog (BYE, REFER), through the transaction layer. */
  async inDialogRequest(
    d: Dialog,
    method: "BYE" | "REFER" | "OPTIONS" | "INFO",
    budgetMs: number,
    extra: Array<[string, string]> = [],
  ): Promise<TxOutcome> {
    d.localSeq += 1;
    const branch = this.ids.branch();
    const built = buildCallRequest({
      method,
      uri: d.remoteTarget,
      via: this.via(branch),
      from: { uri: d.localUri, tag: d.localTag },
      to: { uri: d.remoteUri, tag: d.remoteTag },
      callId: d.callId,
      cseq: d.localSeq,
      routes: d.routeSet,
      contact: method === "REFER" ? this.contact() : undefined,
      extra,
      userAgent: this.id.userAgent,
    });
    if (!built.ok) {
      return {
        ok: false,
        code: "protocol_error",
        reason: { kind: "header_break", header: built.header },
        retransmissions: 0,
      };
    }
    return this.layer.request({ text: built.text, branch, method, cseq: d.localSeq }, budgetMs);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.layer.close();
    this.transport.close();
  }

  private onMessage(text: string): void {
    // Responses to non-INVITE requests belong to the transaction layer, which parses them itself;
    // parsing is the costly part of a message (about 2 ms), so we do not do it twice.
    if (text.startsWith("SIP/2.0 ") && !INVITE_CSEQ.test(text)) {
      this.trace.add("received", text);
      return;
    }
    const read = readMessage(text);
    this.trace.add("received", read.ok ? text : `[unreadable: ${read.detail}]`);
    if (!read.ok) return;
    const m = read.m;
    if (m.msg.kind === "response") {
      if (m.msg.cseq.method === "INVITE" && m.msg.via.branch) this.clientInvites.get(m.msg.via.branch)?.(m);
      return; // the transaction layer takes the others
    }
    this.onRequest(m, m.msg.method, m.msg.via.branch);
  }

  private onRequest(m: CallMessage, method: string, branch: string | null): void {
    const seen = branch ? this.answered.get(`${branch} ${method}`) : undefined;
    if (seen) {
      this.sendRaw(seen); // RFC 3261 17.2.2: a retransmission gets the same answer
      return;
    }
    const serverTx = branch ? this.serverInvites.get(branch) : undefined;
    if (method === "ACK") {
      if (serverTx) {
        serverTx(m);
        return;
      }
      const w = m.msg.toTag ? this.ackWatchers.get(`${m.msg.callId} ${m.msg.toTag}`) : undefined;
      w?.(m);
      return; // an ACK is never answered
    }
    if (method === "CANCEL" || (method === "INVITE" && serverTx)) {
      if (serverTx) {
        serverTx(m);
        return;
      }
      this.respond(m, 481, "Call/Transaction Does Not Exist");
      return;
    }
    if (m.msg.toTag !== null) {
      const h = [...this.dialogs].find((d) => inDialog(d.dialog, m));
      if (!h) {
        this.respond(m, 481, "Call/Transaction Does Not Exist");
        return;
      }
      // RFC 3261 12.2.2: a lower CSeq than the last is out of order.
      if (m.msg.cseq.seq < h.dialog.remoteSeq && method !== "ACK") {
        this.respond(m, 500, "Server Internal Error", { extra: [["Retry-After", "1"]] });
        return;
      }
      h.dialog.remoteSeq = m.msg.cseq.seq;
      const r = h.onRequest(m);
      this.respond(m, r.code, r.reason, {
        extra: r.extra,
        body: r.body,
        contact: method === "INVITE" ? this.contact() : undefined,
      });
      return;
    }
    if (method === "INVITE") {
      if (this.onInvite) {
        this.onInvite(m);
        return;
      }
      this.respond(m, 486, "Busy Here");
      return;
    }
    if (method === "OPTIONS") {
      // RFC 3261 11.2: what a keep-alive or qualify expects from a registered device.
      this.respond(m, 200, "OK");
      return;
    }
    this.respond(m, 405, "Method Not Allowed");
  }
}
