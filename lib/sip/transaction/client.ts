/**
 * Non-INVITE client transactions (RFC 3261 17.1.2) over one transport.
 *
 *            send ─► Trying ──1xx──► Proceeding
 *                      │  ▲ Timer E (UDP: T1, 2·T1 … capped at T2; T2 once Proceeding)
 *                      │  └─────────┘
 *        200-699 ──────┴────────────► Completed (resolve)
 *        budget / transport error ──► Terminated (timeout | unreachable | protocol_error)
 *
 * Timer F (64·T1 = 32 s) is replaced by our own, shorter, per-step budget. Timer K is not kept:
 * the branch is forgotten on completion, so retransmitted finals are simply dropped. Responses
 * are matched by top-Via branch and CSeq (17.1.3); one for an older CSeq is dropped.
 */
import "server-only";
import { parseSipMessage } from "../message/parse";
import type { SipRequest, SipResponse } from "../message/types";
import type { FailureReason, SipTransport, TransportEvent } from "../transport/types";

export type Timers = { t1: number; t2: number };
/** RFC 3261 17.1.1.1 defaults. */
export const DEFAULT_TIMERS: Timers = { t1: 500, t2: 4000 };

export type TxRequest = { text: string; branch: string; method: string; cseq: number };
export type TxFailureCode = "timeout" | "unreachable" | "protocol_error";
export type TxOutcome =
  | { ok: true; response: SipResponse; provisional: number; retransmissions: number }
  | { ok: false; code: TxFailureCode; reason: FailureReason; retransmissions: number };

export type WireEvent = { direction: "sent" | "received"; text: string };

/**
 * One client transaction in flight. A class with its timer and abort callbacks as methods: a
 * check keeps its transactions for its whole run, and closures per request add up over a
 * thousand concurrent checks (bench/).
 */
class Pending {
  state: "trying" | "proceeding" = "trying";
  provisional = 0;
  retransmissions = 0;
  garbage: string | null = null;
  interval: number;
  retransmitTimer: NodeJS.Timeout | undefined;
  budgetTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly layer: TransactionLayer,
    readonly req: TxRequest,
    readonly budgetMs: number,
    readonly timers: Timers,
    private readonly resolve: (o: TxOutcome) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.interval = timers.t1;
  }

  finish(o: TxOutcome): void {
    clearTimeout(this.retransmitTimer);
    clearTimeout(this.budgetTimer);
    this.signal?.removeEventListener("abort", this);
    this.layer.forget(this.req.branch);
    this.resolve(o);
  }

  /** The abort signal's listener (EventTarget calls handleEvent on listener objects). */
  handleEvent(): void {
    this.finish({
      ok: false,
      code: "timeout",
      reason: { kind: "cancelled" },
      retransmissions: this.retransmissions,
    });
  }
}

function onBudget(tx: Pending): void {
  tx.finish(tx.layer.timeoutOutcome(tx, tx.budgetMs));
}

// RFC 3261 17.1.2.2 Timer E: doubling up to T2; T2 at once once a provisional came.
function onRetransmit(tx: Pending): void {
  if (!tx.layer.isPending(tx.req.branch)) return;
  tx.retransmissions++;
  tx.layer.resend(tx.req.text);
  tx.interval = tx.state === "proceeding" ? tx.timers.t2 : Math.min(tx.interval * 2, tx.timers.t2);
  tx.retransmitTimer = setTimeout(onRetransmit, tx.interval, tx);
}

export class TransactionLayer {
  private readonly pending = new Map<string, Pending>();
  private readonly unsubscribe: () => void;
  private failed: { code: TxFailureCode; reason: FailureReason } | null = null;

  constructor(
    readonly transport: SipTransport,
    private readonly opts: {
      timers?: Timers;
      onWire?: (e: WireEvent) => void;
      /** A request from the peer; returns the response text to send, or null to ignore it. */
      onRequest?: (req: SipRequest) => string | null;
    } = {},
  ) {
    this.unsubscribe = transport.onEvent((e) => this.onEvent(e));
  }

  request(req: TxRequest, budgetMs: number, signal?: AbortSignal): Promise<TxOutcome> {
    return new Promise((resolve) => {
      if (this.failed) return resolve({ ...this.failed, ok: false, retransmissions: 0 });
      // An abort event never fires again for a signal that is already aborted.
      if (signal?.aborted)
        return resolve({ ok: false, code: "timeout", reason: { kind: "cancelled" }, retransmissions: 0 });
      const tx = new Pending(this, req, budgetMs, this.opts.timers ?? DEFAULT_TIMERS, resolve, signal);
      tx.budgetTimer = setTimeout(onBudget, budgetMs, tx);
      signal?.addEventListener("abort", tx);
      this.pending.set(req.branch, tx);
      this.send(req.text);
      // RFC 3261 17.1.2.2: Timer E only on unreliable transports.
      if (!this.transport.reliable) tx.retransmitTimer = setTimeout(onRetransmit, tx.interval, tx);
    });
  }

  /** For Pending: its transaction ended. */
  forget(branch: string): void {
    this.pending.delete(branch);
  }

  isPending(branch: string): boolean {
    return this.pending.has(branch);
  }

  resend(text: string): void {
    this.send(text);
  }

  close(): void {
    this.unsubscribe();
    for (const tx of [...this.pending.values()]) {
      tx.finish({
        ok: false,
        code: "timeout",
        reason: { kind: "cancelled" },
        retransmissions: tx.retransmissions,
      });
    }
  }

  private send(text: string): void {
    this.opts.onWire?.({ direction: "sent", text });
    this.transport.send(text);
  }

  timeoutOutcome(tx: Pending, budgetMs: number): TxOutcome {
    const partial = this.transport.pendingBytes();
    if (partial > 0) {
      return {
        ok: false,
        code: "protocol_error",
        reason: { kind: "incomplete", bytes: partial },
        retransmissions: tx.retransmissions,
      };
    }
    if (tx.garbage) {
      return {
        ok: false,
        code: "protocol_error",
        reason: { kind: "unreadable", note: tx.garbage },
        retransmissions: tx.retransmissions,
      };
    }
    return {
      ok: false,
      code: "timeout",
      reason: { kind: "no_answer", method: tx.req.method, budgetMs, sends: tx.retransmissions + 1 },
      retransmissions: tx.retransmissions,
    };
  }

  private onEvent(e: TransportEvent): void {
    if (e.type === "error") {
      this.failed = {
        code: e.code === "protocol_error" ? "protocol_error" : "unreachable",
        reason: e.reason,
      };
      for (const tx of [...this.pending.values()])
        tx.finish({ ...this.failed, ok: false, retransmissions: tx.retransmissions });
      return;
    }
    if (e.type === "garbage") {
      this.opts.onWire?.({ direction: "received", text: `[unreadable datagram: ${e.detail}]` });
      for (const tx of this.pending.values()) tx.garbage = e.detail;
      return;
    }
    this.opts.onWire?.({ direction: "received", text: e.text });
    const parsed = parseSipMessage(e.text);
    if (!parsed.ok) {
      if (this.transport.reliable) {
        // A stream that carries something unreadable cannot be trusted for the next message either.
        this.onEvent({
          type: "error",
          code: "protocol_error",
          reason: { kind: "unreadable", note: parsed.detail },
        });
        this.transport.close();
      } else {
        for (const tx of this.pending.values()) tx.garbage = parsed.detail;
      }
      return;
    }
    const msg = parsed.message;
    if (msg.kind !== "response") {
      const answer = this.opts.onRequest?.(msg) ?? null;
      if (answer !== null) this.send(answer);
      return;
    }
    const tx = msg.via.branch ? this.pending.get(msg.via.branch) : undefined;
    if (!tx || msg.cseq.method !== tx.req.method || msg.cseq.seq !== tx.req.cseq) return;
    if (msg.statusCode < 200) {
      tx.state = "proceeding";
      tx.provisional++;
      return;
    }
    tx.finish({ ok: true, response: msg, provisional: tx.provisional, retransmissions: tx.retransmissions });
  }
}
