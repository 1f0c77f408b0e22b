/**
 * Shapes of a stored test's jsonb columns as the support console draws them. The engine wrote
 * them (lib/sip: StepResult, TraceEntry); these guards read them defensively, so an older or
 * damaged row degrades to "nothing to show" instead of a crash. Browser-safe.
 */
import type { Locale } from "@/lib/verdicts/advice";
import { isWarningCode, type StepStatus, type WarningCode } from "@/lib/verdicts/codes";
import { storedStepDetailText } from "@/lib/verdicts/step-texts";

export type StepView = { name: string; status: StepStatus; durationMs: number; detail: string };

export type TraceView = {
  /** Milliseconds since the test started. */
  at: number;
  direction: "sent" | "received";
  transport: string;
  local: string;
  remote: string;
  firstLine: string;
  /** Already redacted by the engine. */
  text: string;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const STATUSES: readonly StepStatus[] = ["pass", "fail", "warn", "skip"];

export function parseSteps(json: unknown, locale: Locale): StepView[] {
  if (!Array.isArray(json)) return [];
  return json.filter(isObj).map((s) => ({
    name: str(s.name),
    status: STATUSES.find((x) => x === s.status) ?? "skip",
    durationMs: num(s.durationMs),
    detail: storedStepDetailText(s.detail, locale),
  }));
}

export function parseTrace(json: unknown): TraceView[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter(isObj)
    .map(
      (e): TraceView => ({
        at: num(e.at),
        direction: e.direction === "received" ? "received" : "sent",
        transport: str(e.transport),
        local: str(e.local),
        remote: str(e.remote),
        firstLine: str(e.firstLine),
        text: str(e.text),
      }),
    )
    .sort((a, b) => a.at - b.at);
}

export function parseWarnings(json: unknown): WarningCode[] {
  if (!Array.isArray(json)) return [];
  return json.filter((w): w is WarningCode => typeof w === "string" && isWarningCode(w));
}

export type MessageKind = "request" | "provisional" | "success" | "redirect" | "failure";

/** RFC 3261 7.2: a response's Status-Line starts with "SIP/2.0 <code>". */
export function messageKind(firstLine: string): MessageKind {
  const m = /^SIP\/2\.0\s+([1-6])\d\d\b/.exec(firstLine);
  if (!m) return "request";
  switch (m[1]) {
    case "1":
      return "provisional";
    case "2":
      return "success";
    case "3":
      return "redirect";
    default:
      return "failure";
  }
}
