/** English advice for the test call's outcomes. */
import type { CallFacts, CallTexts } from "./call-outcomes";

const acct = (f: CallFacts) => (f.account ? `account ${f.account}` : "the AI Colleague's account");
const status = (f: CallFacts) => (f.statusCode ? ` (${f.statusCode}${f.reason ? ` ${f.reason}` : ""})` : "");
const range = (f: CallFacts) => f.rtpRange ?? "10000–20000";

export const CALL_EN: CallTexts = {
  call_ok: {
    title: "The test call worked",
    explanation: (f) => `The call reached ${acct(f)}, was answered, and audio flowed both ways.`,
    action: () => "Nothing to change.",
  },
  call_not_received: {
    title: "The call did not reach the AI Colleague",
    explanation: (f) =>
      `The AI Colleague was registered and waited ${f.waitSeconds ?? 120} seconds, but no call for ${acct(f)} arrived. The number you called does not route to this account.`,
    action: () =>
      "Your telecom provider must add this account to the hunt group, queue or inbound route of the number you called, then try again.",
  },
  call_rejected: {
    title: "The call arrived but was not set up",
    explanation: (f) =>
      `A call arrived${f.from ? ` from ${f.from}` : ""}, but it was cancelled or never confirmed before the AI Colleague could take it${status(f)}. Another phone in the group may have answered first, or the phone system did not confirm the answer.`,
    action: () =>
      "Call again and let it ring. If it keeps happening, your telecom provider should check that the hunt group rings this account long enough and that replies from our address reach the phone system.",
  },
  codec_mismatch: {
    title: "No common audio codec",
    explanation: (f) =>
      `The phone system offered ${f.offered?.length ? f.offered.join(", ") : "no codec we know"}; the AI Colleague speaks ${f.ours?.join(", ") ?? "PCMU, PCMA"} (G.711).`,
    action: () => "Your telecom provider must enable G.711 (PCMA or PCMU) for this account.",
  },
  no_audio_in: {
    title: "No audio from the phone system",
    explanation: (f) =>
      `The call was answered, but no audio (RTP) arrived from the phone system${f.sdpAddress ? ` (it said it would send from ${f.sdpAddress})` : ""}. Callers would hear the AI Colleague, but it would not hear them.`,
    action: (f) =>
      `Your telecom provider must let RTP (UDP ports ${range(f)}) flow between the phone system and our media address, and switch off SIP ALG on the router.`,
  },
  no_audio_out: {
    title: "Our audio does not reach the caller",
    explanation: () =>
      "The call was answered and audio arrived from the phone system, but the audio we sent did not arrive at the other side. Callers would hear silence.",
    action: (f) =>
      `Your telecom provider must allow UDP ports ${range(f)} from our media address into the phone system and switch off SIP ALG on the router.`,
  },
  nat_media: {
    title: "Audio works, but through a NAT rewrite",
    explanation: (f) =>
      `The phone system announced audio at ${f.sdpAddress ?? "a private address"}, but it came from ${f.sourceAddress ?? "another address"}. A router (NAT or SIP ALG) sits in between; it worked this time, but such set-ups often lose audio later.`,
    action: () =>
      "Your telecom provider should configure the phone system's external address for media and switch off SIP ALG on the router.",
  },
  transfer_ok: {
    title: "Transfer works",
    explanation: (f) => `The call was transferred to ${f.target ?? "the extension"} and answered there.`,
    action: () => "Nothing to change.",
  },
  transfer_refused: {
    title: "Transfer refused",
    explanation: (f) =>
      `The phone system refused to transfer the call to ${f.target ?? "the extension"}${status(f)}: the extension was busy or unknown, or this account may not transfer calls.`,
    action: (f) =>
      `Check the extension ${f.target ?? ""} you entered; your telecom provider must allow transfers (REFER) for this account.`,
  },
  transfer_unconfirmed: {
    title: "Transfer not confirmed",
    explanation: (f) =>
      `The phone system accepted the transfer to ${f.target ?? "the extension"} but never reported whether it was answered.`,
    action: () =>
      "Check with a colleague whether the transferred call arrived; your telecom provider should enable transfer notifications (NOTIFY) for this account.",
  },
  outbound_refused: {
    title: "The outgoing call was refused",
    explanation: (f) =>
      `The phone system did not connect the call to ${f.dialed ?? "the number"}${status(f)}.`,
    action: () =>
      "Check the number; your telecom provider must allow outgoing calls for this account (and to this destination).",
  },
  call_not_run: {
    title: "The test call could not run",
    explanation: (f) => `The test call did not start: ${f.detail ?? "a precondition was not met"}.`,
    action: () =>
      "Run the registration test until it passes first; if that is not the problem, ask your administrator to configure the app's public address for calls.",
  },
};
