/**
 * The engine's last word on secrets: every output of a check (step details, the SIP status line
 * and reason, every trace line, facts, advice) passes through one Scrubber before it leaves
 * lib/sip. It removes the password (and its common encodings) and everything derived from it that
 * a hostile PBX could echo back anywhere: the digest `response=` values we sent and the HA1 they
 * rest on (RFC 7616 3.4.2), in any header, the status line or a body. See docs/security.md.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { AdviceFacts } from "@/lib/verdicts/advice";
import type { CallReport, CallStatusEvent } from "./call/types";
import type { SipCheckResult, StepResult } from "./probe/types";

export const SCRUBBED = "[redacted]";
/**
 * Shorter passwords are not searched for by value: they are guessed faster than hidden, and
 * masking every "p" would erase the texts. Their digests are still removed.
 */
export const MIN_SCRUBBED_PASSWORD = 4;

const HASHES = ["md5", "sha256", "sha512-256"] as const;
/** `response=` in any header or body line; quoted strings are skipped so they cannot divert it. */
const RESPONSE_PARAM = /("(?:[^"\\]|\\.)*")|((?:^|[\s,;])response\s*=\s*)("(?:[^"\\]|\\.)*"|[^,\s;]*)/gim;
const AUTH_LINE = /^(?:Proxy-)?Authorization\s*:\s*Digest\s+(.*)$/gim;
const PARAM = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;

const hash = (algo: string, s: string) => createHash(algo).update(s, "utf8").digest("hex");
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function passwordForms(password: string): string[] {
  const forms = new Set([password, password.replace(/[\\"]/g, (c) => `\\${c}`)]);
  forms.add(encodeURIComponent(password));
  forms.add(JSON.stringify(password).slice(1, -1));
  forms.add(Buffer.from(password, "utf8").toString("base64").replace(/=+$/, ""));
  return [...forms].filter((f) => f.length > 0);
}

export class Scrubber {
  private readonly exact = new Set<string>();
  /** Hex digests: matched case-insensitively (a PBX may print them upper-case). */
  private readonly hex = new Set<string>();
  private exactPattern: RegExp | null = null;
  private hexPattern: RegExp | null = null;

  constructor(private readonly password: string) {
    if (password.length >= MIN_SCRUBBED_PASSWORD) for (const f of passwordForms(password)) this.exact.add(f);
    this.rebuild();
  }

  /** Learns the secrets of a message we are sending (raw text): its digest response and HA1. */
  learnSent(text: string): void {
    const before = this.hex.size;
    for (const m of text.matchAll(AUTH_LINE)) {
      const p: Record<string, string> = {};
      for (const q of (m[1] ?? "").matchAll(PARAM))
        p[(q[1] ?? "").toLowerCase()] = (q[2] ?? q[3] ?? "").replace(/\\(.)/g, "$1");
      if (p.response) this.hex.add(p.response.toLowerCase());
      if (this.password && p.username !== undefined && p.realm !== undefined) {
        for (const h of HASHES) {
          const ha1 = hash(h, `${p.username}:${p.realm}:${this.password}`);
          this.hex.add(ha1);
          if (p.nonce && p.cnonce) this.hex.add(hash(h, `${ha1}:${p.nonce}:${p.cnonce}`));
        }
      }
    }
    if (this.hex.size !== before) this.rebuild();
  }

  private rebuild(): void {
    const alternation = (set: Set<string>, flags: string) => {
      const all = [...set].sort((a, b) => b.length - a.length).map(escapeRe);
      return all.length > 0 ? new RegExp(all.join("|"), flags) : null;
    };
    this.exactPattern = alternation(this.exact, "g");
    this.hexPattern = alternation(this.hex, "gi");
  }

  text(s: string): string {
    let out = this.exactPattern ? s.replace(this.exactPattern, SCRUBBED) : s;
    if (this.hexPattern) out = out.replace(this.hexPattern, SCRUBBED);
    return out.replace(RESPONSE_PARAM, (m, quoted: string | undefined, head: string) =>
      quoted ? m : `${head}"${SCRUBBED}"`,
    );
  }

  /** A step's detail params are data from the wire (reason phrases, notes): every string scrubbed. */
  step(s: StepResult): StepResult {
    return { ...s, detail: { ...s.detail, params: this.walk(s.detail.params) } as StepResult["detail"] };
  }

  /**
   * Every free-text field of a result; codes (verdict, step names, statuses) are ours and kept,
   * so a password that happens to read "pass" cannot corrupt them.
   */
  result(r: SipCheckResult): SipCheckResult {
    const t = (s: string) => this.text(s);
    return {
      ...r,
      steps: r.steps.map((s) => this.step(s)),
      sip: r.sip ? { ...r.sip, reason: t(r.sip.reason), server: r.sip.server && t(r.sip.server) } : null,
      facts: this.walk(r.facts) as AdviceFacts,
      trace: r.trace.map((e) => ({ ...e, firstLine: t(e.firstLine), text: t(e.text) })),
      pbxProduct: r.pbxProduct && t(r.pbxProduct),
    };
  }

  /** A live status of a test call: its detail carries reason phrases and caller names. */
  status(e: CallStatusEvent): CallStatusEvent {
    return { ...e, detail: this.text(e.detail) };
  }

  /**
   * A test call's report: every string from the wire (facts, caller and callee, route headers,
   * NOTIFY reasons, offered codecs, trace, statuses) scrubbed; our codes and numbers kept.
   */
  callReport(r: CallReport): CallReport {
    const t = (s: string) => this.text(s);
    const c = r.call;
    return {
      ...r,
      call: {
        ...c,
        from: c.from && t(c.from),
        to: c.to && t(c.to),
        rtp: this.walk(c.rtp) as CallReport["call"]["rtp"],
        transfer: c.transfer && {
          ...c.transfer,
          target: t(c.transfer.target),
          notify: c.transfer.notify.map((n) => ({
            ...n,
            reason: t(n.reason),
            subscriptionState: n.subscriptionState && t(n.subscriptionState),
          })),
        },
      },
      facts: this.walk(r.facts) as CallReport["facts"],
      route: this.walk(r.route) as CallReport["route"],
      offered: r.offered.map(t),
      trace: r.trace.map((e) => ({ ...e, firstLine: t(e.firstLine), text: t(e.text) })),
      statuses: r.statuses.map((e) => this.status(e)),
    };
  }

  private walk(v: unknown): unknown {
    if (typeof v === "string") return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.walk(x));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.walk(x);
      return out;
    }
    return v;
  }
}
