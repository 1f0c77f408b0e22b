/**
 * The INVITE client transaction and the UAC core around it (RFC 3261 17.1.1, 13.2.2, 22.2):
 *
 *   send ─► Calling ──1xx──► Proceeding ──2xx──► dialog; ACK (new branch), re-ACK each 2xx copy
 *            │ Timer A (UDP: T1, 2·T1 …)  └─3xx–6xx─► ACK (same branch) ─► failed
 *            ├─ 401/407 once: ACK, then the INVITE again with credentials and CSeq+1
 *            └─ no final within the budget ─► CANCEL (once a 1xx came, 9.1) ─► timeout
 *
 * Credentials are sent once: a second challenge means they were refused, and we stop.
 */
import "server-only";
import { chooseChallenge, computeDigest } from "../auth/digest";
import type { SipResponse } from "../message/types";
import type { CallAgent } from "./agent";
import { type Dialog, dialogAsUac } from "./dialog";
import type { CallMessage } from "./sip-view";
import { buildCallRequest } from "./wire";

export type Credentials = { authUsername: string; password: string };
export type ClientInviteResult =
  | { ok: true; dialog: Dialog; answer: CallMessage; setupMs: number }
  | { ok: false; code: "rejected"; status: number; reason: string; response: CallMessage }
  | { ok: false; code: "auth_refused"; status: number; reason: string }
  | { ok: false; code: "unsupported_auth"; detail: string }
  | { ok: false; code: "timeout" | "unsafe"; detail: string };

export type ClientInviteOptions = {
  target: string;
  sdp: string;
  credentials: Credentials | null;
  budgetMs: number;
  onProvisional?: (status: number) => void;
};

export function placeInvite(agent: CallAgent, o: ClientInviteOptions): Promise<ClientInviteResult> {
  const callId = agent.ids.callId();
  const fromTag = agent.ids.tag();
  const started = performance.now();
  let cseq = 1;
  let authorized = false;
  let authorization: { name: string; value: string } | undefined;

  return new Promise((resolve) => {
    let branch = "";
    let current = "";
    let provisional = false;
    let done = false;
    let timerA: NodeJS.Timeout | null = null;
    let stop: () => void = () => {};
    let dialog: Dialog | null = null;
    let ackText: string | null = null;

    const finish = (r: ClientInviteResult) => {
      if (done) return;
      done = true;
      if (timerA) clearTimeout(timerA);
      clearTimeout(budget);
      // Keep re-ACKing 2xx retransmissions for a while (13.2.2.4), then forget the branch.
      if (r.ok || r.code === "timeout") setTimeout(() => stop(), 64 * agent.timers.t1).unref();
      else stop();
      resolve(r);
    };

    const send = () => {
      branch = agent.ids.branch();
      const built = buildCallRequest({
        method: "INVITE",
        uri: o.target,
        via: agent.via(branch),
        from: { uri: agent.aor, tag: fromTag },
        to: { uri: o.target, tag: null },
        callId,
        cseq,
        routes: [],
        contact: agent.contact(),
        authorization,
        body: { type: "application/sdp", text: o.sdp },
        userAgent: agent.id.userAgent,
      });
      if (!built.ok) return finish({ ok: false, code: "unsafe", detail: `unsafe ${built.header}` });
      current = built.text;
      provisional = false;
      stop();
      stop = agent.watchClientInvite(branch, onResponse);
      agent.sendRaw(current);
      if (timerA) clearTimeout(timerA);
      if (!agent.transport.reliable) {
        let interval = agent.timers.t1;
        const again = () => {
          if (done || provisional) return;
          agent.sendRaw(current);
          interval *= 2;
          timerA = setTimeout(again, interval);
        };
        timerA = setTimeout(again, interval);
      }
    };

    // RFC 3261 17.1.1.3: the ACK of a non-2xx final is part of the transaction (same branch).
    const ackFailure = (r: CallMessage) => {
      const built = buildCallRequest({
        method: "ACK",
        uri: o.target,
        via: agent.via(branch),
        from: { uri: agent.aor, tag: fromTag },
        to: { uri: o.target, tag: r.msg.toTag },
        callId,
        cseq,
        routes: [],
        userAgent: agent.id.userAgent,
      });
      if (built.ok) agent.sendRaw(built.text);
    };

    const ackSuccess = (d: Dialog) => {
      if (!ackText) {
        const built = buildCallRequest({
          method: "ACK",
          uri: d.remoteTarget,
          via: agent.via(agent.ids.branch()),
          from: { uri: d.localUri, tag: d.localTag },
          to: { uri: d.remoteUri, tag: d.remoteTag },
          callId,
          cseq,
          routes: d.routeSet,
          userAgent: agent.id.userAgent,
        });
        if (!built.ok) return;
        ackText = built.text;
      }
      agent.sendRaw(ackText);
    };

    const onResponse = (r: CallMessage) => {
      if (r.msg.kind !== "response" || r.msg.cseq.seq !== cseq) return;
      const status = r.msg.statusCode;
      if (status < 200) {
        provisional = true;
        if (!done) o.onProvisional?.(status);
        return;
      }
      if (status < 300) {
        if (dialog) return ackSuccess(dialog); // a retransmitted 2xx
        if (done) return;
        dialog = dialogAsUac(r, agent.aor, o.target, cseq);
        if (!dialog) return finish({ ok: false, code: "timeout", detail: "2xx without Contact or To tag" });
        ackSuccess(dialog);
        return finish({ ok: true, dialog, answer: r, setupMs: Math.round(performance.now() - started) });
      }
      ackFailure(r);
      if (done) return;
      if ((status === 401 || status === 407) && o.credentials) {
        if (authorized) return finish({ ok: false, code: "auth_refused", status, reason: r.msg.reason });
        const challenge = chooseChallenge((r.msg as SipResponse).challenges);
        if (!challenge?.digest)
          return finish({ ok: false, code: "unsupported_auth", detail: "no usable digest challenge" });
        const digest = computeDigest({
          challenge: challenge.digest,
          username: o.credentials.authUsername,
          password: o.credentials.password,
          method: "INVITE",
          uri: o.target,
          cnonce: agent.ids.cnonce(),
          nc: 1,
          body: o.sdp,
        });
        if (!digest.ok) return finish({ ok: false, code: "unsupported_auth", detail: digest.detail });
        authorized = true;
        authorization = {
          name: challenge.header === "WWW-Authenticate" ? "Authorization" : "Proxy-Authorization",
          value: digest.headerValue,
        };
        cseq += 1; // RFC 3261 22.2 / 8.1.3.5: the retried request gets a new CSeq
        return send();
      }
      finish({ ok: false, code: "rejected", status, reason: r.msg.reason, response: r });
    };

    const budget = setTimeout(() => {
      if (provisional) {
        // RFC 3261 9.1: CANCEL carries the INVITE's branch, Request-URI, Call-ID and CSeq number.
        const cancel = buildCallRequest({
          method: "CANCEL",
          uri: o.target,
          via: agent.via(branch),
          from: { uri: agent.aor, tag: fromTag },
          to: { uri: o.target, tag: null },
          callId,
          cseq,
          routes: [],
          userAgent: agent.id.userAgent,
        });
        if (cancel.ok) void agent.layer.request({ text: cancel.text, branch, method: "CANCEL", cseq }, 4000);
      }
      finish({ ok: false, code: "timeout", detail: `no answer within ${Math.round(o.budgetMs / 1000)} s` });
    }, o.budgetMs);
    send();
  });
}
