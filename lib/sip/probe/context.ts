/**
 * What one check accumulates while it runs: steps (reported live, in ladder order), warnings,
 * facts, the redacted trace, and the response that decided the verdict.
 */
import "server-only";
import ipaddr from "ipaddr.js";
import type { AdviceFacts } from "@/lib/verdicts/advice";
import {
  type PbxFamily,
  STEP_NAMES,
  type StepName,
  type StepStatus,
  type WarningCode,
} from "@/lib/verdicts/codes";
import type { StepDetail } from "@/lib/verdicts/step-details";
import { redactCredentials } from "../auth/digest";
import type { SipResponse } from "../message/types";
import type { SipTransport } from "../transport/types";
import { refusalText } from "./classify";
import { pbxFamilyOf } from "./product";
import type { StepResult, TraceEntry, Transport } from "./types";

const MAX_TRACE = 200;

export class CheckContext {
  readonly started = performance.now();
  readonly steps: StepResult[] = [];
  readonly warnings = new Set<WarningCode>();
  readonly facts: AdviceFacts = {};
  readonly trace: TraceEntry[] = [];
  pbxProduct: string | null = null;
  pbxFamily: PbxFamily | null = null;
  decisive: SipResponse | null = null;
  /** The challenge's realm is not the domain entered: normal, so it is told only with a failure. */
  realmDiffers = false;

  /** Index in STEP_NAMES of the next step to report: later ones wait, so reports keep ladder order. */
  private nextReport = 0;

  constructor(
    private readonly onStep?: (s: StepResult) => void,
    private readonly onStepStart?: (name: StepName, limitMs: number) => void,
    /** Sees each message we send before redaction, so the boundary scrubber learns its digest. */
    private readonly observeSent?: (text: string) => void,
  ) {}

  private readonly begun = new Set<StepName>();

  /** A step begins, with the time limit it runs under (told once, though `auto` may retry it). */
  start(name: StepName, limitMs: number): void {
    if (this.begun.has(name)) return;
    this.begun.add(name);
    this.onStepStart?.(name, limitMs);
  }

  elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  /** Records a step once (the first report wins); onStep hears it once all earlier steps are in. */
  step(
    name: StepName,
    status: StepStatus,
    startedAt: number,
    detail: StepDetail,
    endedAt = performance.now(),
  ): void {
    if (this.steps.some((s) => s.name === name)) return;
    const s: StepResult = { name, status, durationMs: Math.max(0, Math.round(endedAt - startedAt)), detail };
    this.steps.push(s);
    for (;;) {
      const next = this.steps.find((x) => x.name === STEP_NAMES[this.nextReport]);
      if (!next) break;
      this.nextReport++;
      this.onStep?.(next);
    }
  }

  warn(code: WarningCode): void {
    this.warnings.add(code);
  }

  /** Remember every final response: server product, facts, NAT evidence. */
  saw(r: SipResponse, transport: SipTransport): void {
    const product = r.server ?? r.userAgent;
    if (product && !this.pbxProduct) {
      this.pbxProduct = product.slice(0, 200);
      this.facts.server = this.pbxProduct;
      this.pbxFamily = pbxFamilyOf(this.pbxProduct);
      if (this.pbxFamily) this.facts.pbxFamily = this.pbxFamily;
    }
    if (natRewritten(r, transport)) this.warn("nat_rewrite");
  }

  decide(r: SipResponse): void {
    this.decisive = r;
    this.facts.statusCode = r.statusCode;
    this.facts.reason = refusalText(r);
    if (r.retryAfter !== null) this.facts.retryAfterSeconds = r.retryAfter;
  }

  wire(transport: SipTransport, direction: "sent" | "received", text: string): void {
    if (direction === "sent") this.observeSent?.(text);
    if (this.trace.length >= MAX_TRACE) return;
    const clean = redactCredentials(text);
    this.trace.push({
      at: this.elapsed(),
      direction,
      transport: transport.kind as Transport,
      local: endpoint(transport.local),
      remote: endpoint(transport.remote),
      firstLine: clean.slice(0, clean.indexOf("\r\n") >= 0 ? clean.indexOf("\r\n") : 200),
      text: clean,
    });
  }
}

function endpoint(e: { address: string; port: number }): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/**
 * RFC 3261 18.2.1 `received` and RFC 3581 `rport` show where the server saw us. A difference only
 * means a rewrite when we sent a public (or loopback) address: behind our own NAT it is expected.
 */
const behindOwnNat = new WeakMap<SipTransport, boolean>();

function natRewritten(r: SipResponse, transport: SipTransport): boolean {
  const local = transport.local;
  if (r.via.received === null && r.via.rport === null) return false;
  let ours = behindOwnNat.get(transport);
  if (ours === undefined) {
    const range = ipaddr.isValid(local.address) ? ipaddr.process(local.address).range() : "invalid";
    ours = ["private", "carrierGradeNat", "uniqueLocal", "linkLocal", "invalid"].includes(range);
    behindOwnNat.set(transport, ours);
  }
  if (ours) return false;
  const received = r.via.received;
  if (received !== null && ipaddr.isValid(received)) {
    // `received` is the server's word; another address family is a rewrite too (match() would throw).
    const seen = ipaddr.process(received);
    const sent = ipaddr.process(local.address);
    if (seen.kind() !== sent.kind() || !seen.match(sent, 128)) return true;
  }
  return r.via.rport !== null && r.via.rport !== local.port;
}
