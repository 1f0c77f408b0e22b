/**
 * The outbound test call: INVITE through the PBX with the account's credentials (digest on
 * INVITE, 401/407 answered once), play the prompt, measure what comes back (an echo service gives
 * the round-trip time), hang up. No registration: a call needs none on most PBXs, and not binding
 * can never disturb a device on the account.
 *
 *   calling ─1xx─► ringing ─2xx/ACK─► answered ─RTP─► hearing_you ─► BYE ─► done
 *      └─ 3xx–6xx / no answer ─► outbound_refused (488 ─► codec_mismatch)
 */
import "server-only";
import { escapeUser, hostForUri } from "../message/build";
import { placeInvite } from "./invite-client";
import { MediaSession } from "./media";
import { buildSdp, CODEC_PT, negotiate, OUR_CODECS, OUR_DTMF_PT, parseSdp } from "./sdp";
import { audioOutcome, CallRun, type LearnSent } from "./setup";
import type { CallReport, CallResult, OutboundOptions } from "./types";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function runOutboundCall(o: OutboundOptions, learnSent?: LearnSent): Promise<CallReport> {
  const run = new CallRun(o, learnSent);
  const target = `sip:${escapeUser(o.dial)}@${hostForUri(o.domainHost)}`;
  run.facts.dialed = o.dial;
  const base: Omit<CallResult, "rtp" | "dtmf" | "outcome"> = {
    direction: "outbound",
    answered: false,
    setupMs: null,
    from: null,
    to: target,
    codec: null,
    ptimeMs: null,
    transfer: null,
  };
  const notRun = (detail: string) => {
    run.facts.detail = detail;
    run.status("done", detail);
    return run.report({ call: { ...base, outcome: "call_not_run" }, media: null });
  };
  const opened = await run.openAgent();
  if (!opened.ok) return notRun(opened.detail);
  const agent = opened.agent;
  base.from = agent.aor;
  const m = await MediaSession.open({ ...o.media, policy: o.policy });
  if (!m.ok) {
    agent.close();
    return notRun(m.detail);
  }
  const media = m.media;
  try {
    run.status("calling", `calling ${o.dial} through ${o.target.address}:${o.target.port} …`);
    const offer = buildSdp({
      sessionId: String(Date.now()),
      version: 1,
      address: agent.id.contactHost,
      port: media.port,
      codecs: OUR_CODECS.map((c) => ({ codec: c, pt: CODEC_PT[c] })),
      dtmfPt: OUR_DTMF_PT,
      ptimeMs: 20,
    });
    let rang = false;
    const r = await placeInvite(agent, {
      target,
      sdp: offer,
      credentials: { authUsername: o.authUsername ?? o.username, password: o.password },
      budgetMs: (o.answerWaitS ?? 60) * 1000,
      onProvisional: (status) => {
        if (status === 180 || status === 183) {
          if (!rang) run.status("ringing", `${o.dial} is ringing`);
          rang = true;
        }
      },
    });
    if (!r.ok) {
      if ("status" in r) {
        run.facts.statusCode = r.status;
        run.facts.reason = r.reason;
      } else run.facts.detail = r.detail;
      run.status(
        "done",
        `the call was not connected: ${"status" in r ? `${r.status} ${r.reason}` : r.detail}`,
      );
      const outcome = r.code === "rejected" && r.status === 488 ? "codec_mismatch" : "outbound_refused";
      return run.report({ call: { ...base, outcome }, media: null });
    }
    const answer = parseSdp(r.answer.body);
    const neg = answer.ok ? negotiate(answer.sdp) : answer;
    if (!neg.ok) {
      await agent.inDialogRequest(r.dialog, "BYE", 4000);
      return run.report({
        call: { ...base, outcome: "codec_mismatch", answered: true, setupMs: r.setupMs },
        media: null,
        offered: "offered" in neg ? neg.offered : [],
      });
    }
    run.status("answered", `answered in ${r.setupMs} ms with ${neg.codec}`);
    let byeFromPeer = false;
    const removeDialog = agent.addDialog({
      dialog: r.dialog,
      onRequest: (req) => {
        const method = req.msg.kind === "request" ? req.msg.method : "";
        if (method === "BYE") {
          byeFromPeer = true;
          return { code: 200, reason: "OK" };
        }
        return method === "INFO" || method === "OPTIONS" || method === "UPDATE" || method === "INVITE"
          ? { code: 200, reason: "OK" }
          : { code: 405, reason: "Method Not Allowed" };
      },
    });
    media.onFirstPacket = () => run.status("hearing_you", "audio is coming back");
    media.start(neg, run.prompt());
    await sleep(Math.round((run.prompt().length / 8000) * 1000) + (o.listenMs ?? 1000));
    const audio = audioOutcome(media.summary(), false);
    if (!byeFromPeer) await agent.inDialogRequest(r.dialog, "BYE", 4000);
    removeDialog();
    run.status("done", "hung up");
    media.close();
    return run.report({
      call: {
        ...base,
        outcome: audio,
        answered: true,
        setupMs: r.setupMs,
        codec: neg.codec,
        ptimeMs: neg.ptimeMs,
      },
      media,
      offered: neg.offered,
    });
  } finally {
    media.close();
    agent.close();
  }
}
