/**
 * One registration "session" over one transport: the requests of a check share a Call-ID and
 * From tag and increase CSeq (RFC 3261 10.2.4); OPTIONS has its own. Knows REGISTER and OPTIONS;
 * the ladder decides what to send when.
 */
import "server-only";
import { buildRequest, escapeUser, hostForUri } from "../message/build";
import type { Ids } from "../message/ids";
import { responseTo } from "../message/respond";
import type { SipRequest } from "../message/types";
import { type Timers, TransactionLayer, type TxOutcome } from "../transaction/client";
import type { SipTransport } from "../transport/types";
import type { CheckContext } from "./context";

export type Identity = {
  username: string;
  /** Domain host as entered (AOR host, realm comparison). */
  domainHost: string;
  requestUri: string;
  /** Loose route to an outbound proxy (RFC 3261 16.12), when one is used. */
  route: string | null;
  userAgent: string;
};

export type RegisterParams = {
  contact?: string;
  expires?: number;
  authorization?: { name: "Authorization" | "Proxy-Authorization"; value: string };
};

const VIA_TRANSPORT = { udp: "UDP", tcp: "TCP", tls: "TLS" } as const;

export class Session {
  readonly layer: TransactionLayer;
  private readonly callId: string;
  private readonly fromTag: string;
  private cseq = 0;
  /** While our test binding may exist, the PBX's qualify OPTIONS get 200 OK (RFC 3261 11.2). */
  private bound = false;
  private readonly localTag: string;

  constructor(
    readonly transport: SipTransport,
    private readonly id: Identity,
    private readonly ids: Ids,
    private readonly ctx: CheckContext,
    timers?: Timers,
  ) {
    this.layer = new TransactionLayer(transport, {
      timers,
      onWire: (e) => ctx.wire(transport, e.direction, e.text),
      onRequest: (req) => this.answer(req),
    });
    this.callId = ids.callId();
    this.fromTag = ids.tag();
    this.localTag = ids.tag();
  }

  get aor(): string {
    return `sip:${escapeUser(this.id.username)}@${hostForUri(this.id.domainHost)}`;
  }

  /** Our binding: where the PBX would send calls (RFC 3261 10.2.1). */
  contact(): string {
    const { local, kind } = this.transport;
    const param = kind === "udp" ? "" : `;transport=${kind}`;
    return `<sip:${escapeUser(this.id.username)}@${hostForUri(local.address)}:${local.port}${param}>`;
  }

  options(budgetMs: number, signal?: AbortSignal): Promise<TxOutcome> {
    return this.send("OPTIONS", this.ids.callId(), 1, {}, budgetMs, signal);
  }

  register(params: RegisterParams, budgetMs: number, signal?: AbortSignal): Promise<TxOutcome> {
    this.cseq += 1;
    return this.send("REGISTER", this.callId, this.cseq, params, budgetMs, signal);
  }

  /** From just before the binding REGISTER until the session closes. */
  answerQualify(on: boolean): void {
    this.bound = on;
  }

  close(): void {
    this.layer.close();
    this.transport.close();
  }

  private answer(req: SipRequest): string | null {
    if (!this.bound || req.method !== "OPTIONS") return null;
    return responseTo(
      req.raw,
      { code: 200, reason: "OK" },
      {
        toTag: this.localTag,
        userAgent: this.id.userAgent,
        extra: [
          ["Allow", "OPTIONS"],
          ["Accept", "application/sdp"],
        ],
      },
    );
  }

  private async send(
    method: "OPTIONS" | "REGISTER",
    callId: string,
    cseq: number,
    p: RegisterParams,
    budgetMs: number,
    signal?: AbortSignal,
  ): Promise<TxOutcome> {
    const branch = this.ids.branch();
    const { local, kind } = this.transport;
    const built = buildRequest({
      method,
      requestUri: this.id.requestUri,
      via: { transport: VIA_TRANSPORT[kind], host: local.address, port: local.port, branch },
      from: { uri: this.aor, tag: method === "REGISTER" ? this.fromTag : this.ids.tag() },
      to: { uri: this.aor },
      callId,
      cseq,
      route: this.id.route ?? undefined,
      contact: p.contact,
      expires: p.expires,
      authorization: p.authorization,
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
    const out = await this.layer.request({ text: built.text, branch, method, cseq }, budgetMs, signal);
    if (out.ok) this.ctx.saw(out.response, this.transport);
    return out;
  }
}
