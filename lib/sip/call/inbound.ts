/**
 * The inbound test call: bind the account for the duration (only when no other device uses it),
 * wait for the customer's call, answer it (100, 180, 200 with SDP; RFC 3264 answer), play the
 * prompt, listen for audio and keys, optionally transfer (REFER), hang up, un-bind.
 *
 *   registering ─► waiting ─INVITE─► ringing ─200/ACK─► answered ─RTP─► hearing_you
 *        │            └─ wait over ─► call_not_received        ├─ [transferring] ─► BYE ─► done
 *        └─ refused ─► call_not_run                             └─ remote BYE ─► done
 */
import "server-only";
import { escapeUser, hostForUri } from "../message/build";
import type { CallAgent } from "./agent";
import type { Dialog } from "./dialog";
import { ServerInvite } from "./invite-server";
import { MediaSession } from "./media";
import { ReferWatch, transferOutcome } from "./refer";
import { Registration } from "./registration";
import { buildSdp, CODEC_PT, type Negotiated, negotiate, OUR_CODECS, OUR_DTMF_PT, parseSdp } from "./sdp";
import { audioOutcome, CallRun, type LearnSent } from "./setup";
import type { CallMessage } from "./sip-view";
import { parseNameAddr } from "./sip-view";
import type { CallReport, CallResult, InboundOptions } from "./types";

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      r();
    });
  });

const EMPTY: Omit<CallResult, "rtp" | "dtmf" | "outcome"> = {
  direction: "inbound",
  answered: false,
  setupMs: null,
  from: null,
  to: null,
  codec: null,
  ptimeMs: null,
  transfer: null,
};

function waitForInvite(agent: CallAgent, ms: number, signal?: AbortSignal): Promise<CallMessage | null> {
  return new Promise((resolve) => {
    const done = (m: CallMessage | null) => {
      clearTimeout(timer);
      agent.onInvite = null;
      resolve(m);
    };
    const timer = setTimeout(() => done(null), ms);
    signal?.addEventListener("abort", () => done(null));
    agent.onInvite = (m) => done(m);
  });
}

export async function runInboundCall(o: InboundOptions, learnSent?: LearnSent): Promise<CallReport> {
  const run = new CallRun(o, learnSent);
  const notRun = (detail: string) => {
    run.facts.detail = detail;
    run.status("done", detail);
    return run.report({ call: { ...EMPTY, outcome: "call_not_run" }, media: null });
  };
  if (o.bindingsBefore > 0) {
    return notRun(`another device is registered on account ${o.username}; the test never logs a device out`);
  }
  const opened = await run.openAgent();
  if (!opened.ok) return notRun(opened.detail);
  const agent = opened.agent;
  let media: MediaSession | null = null;
  let registration: Registration | null = null;
  try {
    run.status("registering", `registering ${o.username} at ${o.target.address}:${o.target.port}`);
    const requestUri = `sip:${hostForUri(o.domainHost)}`;
    registration = new Registration(
      agent,
      { authUsername: o.authUsername ?? o.username, password: o.password },
      requestUri,
      8000,
    );
    const bound = await registration.bind(Math.max(60, o.waitS + 60));
    if (!bound.ok) return notRun(`the account could not be registered for the call: ${bound.detail}`);
    if (bound.otherContacts > 0) {
      // A device registered between the test and now: leave at once, and never evict it.
      await registration.unbind();
      return notRun(`another device registered on account ${o.username} meanwhile; the test stopped`);
    }
    const opened2 = await MediaSession.open({ ...o.media, policy: o.policy });
    if (!opened2.ok) return notRun(opened2.detail);
    media = opened2.media;

    run.status(
      "waiting",
      `waiting for a call to ${o.username} at ${agent.id.contactHost}:${agent.id.contactPort} …`,
    );
    run.facts.waitSeconds = o.waitS;
    const invite = await waitForInvite(agent, o.waitS * 1000, o.signal);
    if (invite?.msg.kind !== "request") {
      run.status("done", "no call arrived");
      return run.report({ call: { ...EMPTY, outcome: "call_not_received" }, media: null });
    }
    return await answer(run, agent, invite, media, o);
  } finally {
    media?.close();
    await registration?.unbind().catch(() => {});
    agent.close();
  }
}

async function answer(
  run: CallRun,
  agent: CallAgent,
  invite: CallMessage,
  media: MediaSession,
  o: InboundOptions,
): Promise<CallReport> {
  const tx = new ServerInvite(agent, invite);
  const from = parseNameAddr(invite.first("from") ?? "");
  const to = parseNameAddr(invite.first("to") ?? "");
  const base = {
    ...EMPTY,
    from: from ? (from.display ? `${from.display} <${from.uri}>` : from.uri) : null,
    to: to?.uri ?? null,
  };
  if (base.from) run.facts.from = base.from;
  const route = {
    requestUri: invite.msg.kind === "request" ? invite.msg.uri : null,
    diversion: invite.all("diversion").slice(0, 8),
    historyInfo: invite.all("history-info").slice(0, 8),
  };
  run.status("ringing", `call from ${base.from ?? "an unknown caller"}`);

  // RFC 3264 5/6: an INVITE without SDP (late offer) gets our offer in the 2xx, the answer in the ACK.
  let neg: Negotiated | null = null;
  let offered: string[] = [];
  if (invite.body.trim().length > 0) {
    const sdp = parseSdp(invite.body);
    const n = sdp.ok ? negotiate(sdp.sdp) : sdp;
    if (!n.ok) {
      const mismatch = n.code === "codec_mismatch";
      offered = "offered" in n ? n.offered : [];
      tx.reject(488, "Not Acceptable Here", [
        ["Warning", `305 ${hostForUri(agent.id.contactHost)} "Incompatible media format"`],
      ]);
      await tx.ack;
      run.facts.statusCode = 488;
      run.facts.detail = n.detail;
      run.status("done", `refused the call: ${n.detail}`);
      return run.report({
        call: { ...base, outcome: mismatch ? "codec_mismatch" : "call_rejected" },
        media: null,
        route,
        offered,
      });
    }
    neg = n;
    offered = n.offered;
  }
  tx.ring();
  const sessionId = String(Date.now());
  const sdp = buildSdp({
    sessionId,
    version: 1,
    address: agent.id.contactHost,
    port: media.port,
    codecs: neg ? [{ codec: neg.codec, pt: neg.pt }] : OUR_CODECS.map((c) => ({ codec: c, pt: CODEC_PT[c] })),
    dtmfPt: neg ? neg.dtmfPt : OUR_DTMF_PT,
    ptimeMs: neg?.ptimeMs ?? 20,
  });
  const dialog = tx.accept(sdp);
  const setupMs = tx.answeredAt !== null ? Math.round(tx.answeredAt - tx.receivedAt) : null;
  if (!dialog)
    return run.report({ call: { ...base, outcome: "call_rejected" }, media: null, route, offered });

  let byeFromPeer = false;
  let resolveBye: () => void = () => {};
  const byeSeen = new Promise<void>((r) => {
    resolveBye = r;
  });
  const refer = new ReferWatch();
  const removeDialog = agent.addDialog({
    dialog,
    onRequest: (m) => {
      const method = m.msg.kind === "request" ? m.msg.method : "";
      if (method === "BYE") {
        byeFromPeer = true;
        resolveBye();
        return { code: 200, reason: "OK" };
      }
      const notify = refer.handle(m);
      if (notify) return notify;
      if (method === "INVITE" || method === "UPDATE") {
        // A session refresh or re-INVITE: keep the session as it is (same SDP, RFC 3264 8).
        return { code: 200, reason: "OK", body: { type: "application/sdp", text: sdp } };
      }
      if (method === "INFO" || method === "OPTIONS") return { code: 200, reason: "OK" };
      return { code: 405, reason: "Method Not Allowed" };
    },
  });

  try {
    if (neg) media.start(neg, run.prompt());
    const ack = await tx.ack;
    if (!ack) {
      run.status("done", "the phone system never confirmed our answer (no ACK)");
      run.facts.detail = "no ACK to our 200 OK";
      return run.report({ call: { ...base, outcome: "call_rejected", setupMs }, media, route, offered });
    }
    if (!neg) {
      const answerSdp = parseSdp(ack.body);
      const n = answerSdp.ok ? negotiate(answerSdp.sdp) : answerSdp;
      if (!n.ok) {
        await agent.inDialogRequest(dialog, "BYE", 4000);
        return run.report({
          call: { ...base, outcome: "codec_mismatch", answered: true, setupMs },
          media: null,
          route,
          offered,
        });
      }
      neg = n;
      offered = n.offered;
      media.start(neg, run.prompt());
    }
    const codec = neg.codec;
    const answered = { ...base, answered: true, setupMs, codec, ptimeMs: neg.ptimeMs };
    run.status("answered", `answered in ${setupMs} ms with ${codec} at ${neg.ptimeMs} ms`);
    media.onFirstPacket = () => run.status("hearing_you", "audio is arriving");
    if (media.summary().received > 0) run.status("hearing_you", "audio is arriving");
    media.onDtmf = (d) =>
      run.status("hearing_you", `key ${d.digit} (${d.via === "rfc4733" ? "RFC 4733" : "in-band"})`);

    const promptMs = Math.round((run.prompt().length / 8000) * 1000);
    const listenMs = o.listenMs ?? 6000;
    const gotDigit = new Promise<void>((r) => {
      const prev = media.onDtmf;
      media.onDtmf = (d) => {
        prev?.(d);
        r();
      };
    });
    await Promise.race([
      byeSeen,
      sleep(promptMs, o.signal).then(() => Promise.race([gotDigit, sleep(listenMs, o.signal)])),
    ]);
    if (!byeFromPeer && media.dtmf.length > 0) await Promise.race([byeSeen, sleep(500)]);

    let transfer: CallResult["transfer"] = null;
    if (o.transferTo && !byeFromPeer) {
      transfer = await doTransfer(run, agent, dialog, refer, o);
    }
    const audio = audioOutcome(media.summary(), false);
    if (!byeFromPeer) {
      run.status("done", "hanging up");
      await agent.inDialogRequest(dialog, "BYE", 4000);
    } else {
      run.status("done", "the caller hung up");
    }
    media.close();
    return run.report({ call: { ...answered, outcome: audio, transfer }, media, route, offered });
  } finally {
    removeDialog();
    tx.close();
  }
}

async function doTransfer(
  run: CallRun,
  agent: CallAgent,
  dialog: Dialog,
  refer: ReferWatch,
  o: InboundOptions,
): Promise<NonNullable<CallResult["transfer"]>> {
  const target = o.transferTo ?? "";
  run.facts.target = target;
  const referTo = `<sip:${escapeUser(target)}@${hostForUri(o.domainHost)}>`;
  run.status("transferring", `transferring the call to ${target}`);
  const r = await agent.inDialogRequest(dialog, "REFER", 8000, [
    ["Refer-To", referTo],
    ["Referred-By", `<${agent.aor}>`],
  ]);
  const referStatus = r.ok ? r.response.statusCode : null;
  if (r.ok && r.response.statusCode >= 300) {
    run.facts.statusCode = r.response.statusCode;
    run.facts.reason = r.response.reason;
  }
  let final = null;
  if (referStatus !== null && referStatus < 300) {
    const timer = setTimeout(() => refer.giveUp(), 20_000);
    final = await refer.final;
    clearTimeout(timer);
    if (final && final.status >= 300) {
      run.facts.statusCode = final.status;
      run.facts.reason = final.reason;
    }
  }
  const outcome = transferOutcome(referStatus, final);
  run.status("transferring", `transfer: ${outcome.replace("transfer_", "")}`);
  return { target, outcome, notify: refer.notify };
}
