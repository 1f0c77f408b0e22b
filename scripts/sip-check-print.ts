/**
 * sip-check's readable output: the ladder (the engine reports steps in ladder order), the
 * verdict with its advice, and the redacted SIP trace.
 */
import type { SipCheckResult, StepResult, TraceEntry } from "@/lib/sip";
import { type Advice, adviceFor, type Locale, whoLabel } from "@/lib/verdicts/advice";
import type { StepName } from "@/lib/verdicts/codes";
import { stepDetailText } from "@/lib/verdicts/step-texts";

type Write = (text: string) => void;

const MARK: Record<StepResult["status"], string> = { pass: "✓", fail: "✗", warn: "!", skip: "–" };

/**
 * Text from a PBX reaches the terminal here: C0/C1 controls other than tab and newline (escape
 * sequences could rewrite the screen) are shown as \xHH instead.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    if (c === "\r") return "";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}

/**
 * The password as a PBX may echo it (in a reason phrase, a realm, a trace), replaced in every
 * string of `value` before anything is printed. Passwords under 4 characters are left alone: they
 * would match ordinary text, and the engine never sends the password itself (only its digest).
 */
export function withoutPassword<T>(value: T, password: string): T {
  if (password.length < 4) return value;
  const scrub = (v: unknown): unknown => {
    if (typeof v === "string") return v.replaceAll(password, "[password]");
    if (Array.isArray(v)) return v.map(scrub);
    if (v !== null && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  return scrub(value) as T;
}

function stepLine(s: StepResult, lang: Locale): string {
  const ms = s.status === "skip" ? "        " : `${s.durationMs} ms`.padStart(8);
  return `  ${MARK[s.status]} ${s.name.padEnd(19)}${ms}  ${printable(stepDetailText(s.detail, lang))}\n`;
}

/**
 * Prints each step as the engine reports it; `finish` adds any the run did not report live.
 * On a terminal, the step under way shows as "… name (up to N s)" until its line replaces it:
 * a silent PBX takes the whole budget per step.
 */
export function ladderPrinter(
  write: Write,
  lang: Locale,
  terminal: boolean,
): {
  onStep: (s: StepResult) => void;
  onStepStart: (name: StepName, limitMs: number) => void;
  finish: (steps: StepResult[]) => void;
} {
  const printed = new Set<string>();
  let pending = false;
  const clear = () => {
    if (pending) write("\r\u001b[K");
    pending = false;
  };
  const print = (s: StepResult) => {
    if (printed.has(s.name)) return;
    printed.add(s.name);
    clear();
    write(stepLine(s, lang));
  };
  return {
    onStep: print,
    onStepStart(name, limitMs) {
      if (!terminal || printed.has(name)) return;
      clear();
      write(`  … ${name.padEnd(19)}(up to ${Math.ceil(limitMs / 1000)} s)`);
      pending = true;
    },
    finish(steps) {
      for (const s of steps) print(s);
      clear();
    },
  };
}

export function printVerdict(write: Write, r: SipCheckResult, lang: Locale): void {
  const v = adviceFor(r.verdict, lang, r.facts);
  const target = r.target
    ? ` via ${r.target.transport.toUpperCase()} ${r.target.address}:${r.target.port}`
    : "";
  const action = (a: Advice) => `  → ${a.action}${a.who !== "none" ? ` (${whoLabel(a.who, lang)})` : ""}\n`;
  write(`\n${r.ok ? "✓" : "✗"} ${r.verdict}: ${printable(v.title)}${target} (${r.durationMs} ms)\n`);
  write(`  ${printable(v.explanation)}\n${printable(action(v))}`);
  for (const w of r.warnings) {
    const a = adviceFor(w, lang, r.facts);
    write(`\n! ${w}: ${printable(a.title)}\n  ${printable(a.explanation)}\n${printable(action(a))}`);
  }
  if (r.pbxProduct) write(`\nPBX: ${printable(r.pbxProduct)}\n`);
}

/** Every message as sent or received, credentials already redacted by the engine. */
export function printTrace(write: Write, trace: TraceEntry[]): void {
  write(`\nSIP trace (${trace.length} message${trace.length === 1 ? "" : "s"}, credentials redacted):\n`);
  for (const t of trace) {
    const arrow = t.direction === "sent" ? `${t.local} → ${t.remote}` : `${t.remote} → ${t.local}`;
    write(`\n--- ${t.direction} at +${t.at} ms, ${t.transport.toUpperCase()} ${arrow}\n`);
    write(`${printable(t.text).trimEnd()}\n`);
  }
}
