/**
 * A dialog (RFC 3261 12): identifiers, route set, remote target and CSeq counters, and building
 * the requests sent inside it. UAS side: the route set is the INVITE's Record-Route in order
 * (12.1.1); UAC side: the 2xx's Record-Route reversed (12.1.2).
 */
import "server-only";
import type { CallMessage } from "./sip-view";
import { parseNameAddr, splitList } from "./sip-view";

export type Dialog = {
  callId: string;
  localTag: string;
  remoteTag: string;
  localUri: string;
  remoteUri: string;
  remoteTarget: string;
  routeSet: string[];
  localSeq: number;
  remoteSeq: number;
};

function routes(m: CallMessage): string[] {
  return m.all("record-route").flatMap(splitList);
}

function contactUri(m: CallMessage): string | null {
  const c = m.first("contact");
  return c ? (parseNameAddr(splitList(c)[0] ?? "")?.uri ?? null) : null;
}

/** From an INVITE we answer with a 2xx carrying `localTag`. */
export function dialogAsUas(invite: CallMessage, localTag: string): Dialog | null {
  const from = parseNameAddr(invite.first("from") ?? "");
  const to = parseNameAddr(invite.first("to") ?? "");
  const target = contactUri(invite);
  if (!from || !to || !target || !invite.msg.fromTag) return null;
  return {
    callId: invite.msg.callId,
    localTag,
    remoteTag: invite.msg.fromTag,
    localUri: to.uri,
    remoteUri: from.uri,
    remoteTarget: target,
    routeSet: routes(invite),
    localSeq: 0,
    remoteSeq: invite.msg.cseq.seq,
  };
}

/** From a 2xx to our INVITE. */
export function dialogAsUac(
  ok: CallMessage,
  localUri: string,
  remoteUri: string,
  cseq: number,
): Dialog | null {
  const target = contactUri(ok);
  if (!target || !ok.msg.toTag || !ok.msg.fromTag) return null;
  return {
    callId: ok.msg.callId,
    localTag: ok.msg.fromTag,
    remoteTag: ok.msg.toTag,
    localUri,
    remoteUri,
    remoteTarget: target,
    routeSet: routes(ok).reverse(),
    localSeq: cseq,
    remoteSeq: 0,
  };
}

/** RFC 3261 12.2.2: a request in the dialog is ours when Call-ID and both tags match. */
export function inDialog(d: Dialog, m: CallMessage): boolean {
  return m.msg.callId === d.callId && m.msg.toTag === d.localTag && m.msg.fromTag === d.remoteTag;
}
