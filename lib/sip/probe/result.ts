/** Assembles the SipCheckResult: steps in ladder order (unreached ones as "skip"), advice, facts. */
import "server-only";
import type { SipTarget } from "@/lib/net/dns";
import { adviceFor } from "@/lib/verdicts/advice";
import { STEP_NAMES, type StepName, type Verdict, WARNINGS } from "@/lib/verdicts/codes";
import type { CheckContext } from "./context";
import type { SipCheckResult } from "./types";

const SKIPPED: Partial<Record<StepName, string>> = {
  register_binding: "query mode: no registration was made",
  unregister: "query mode: nothing to remove",
};

export function finishResult(
  ctx: CheckContext,
  verdict: Verdict,
  target: SipTarget | null,
  mode: "query" | "register",
): SipCheckResult {
  for (const name of STEP_NAMES) {
    const why =
      mode === "query" && verdict === "registered" ? (SKIPPED[name] ?? "not needed") : "not reached";
    ctx.step(name, "skip", performance.now(), why);
  }
  const order = (n: StepName) => STEP_NAMES.indexOf(n);
  const steps = [...ctx.steps].sort((a, b) => order(a.name) - order(b.name));
  const warnings = WARNINGS.filter((w) => ctx.warnings.has(w));
  const facts = { ...ctx.facts };
  const d = ctx.decisive;
  return {
    ok: verdict === "registered",
    verdict,
    warnings,
    steps,
    sip: d ? { statusCode: d.statusCode, reason: d.reason, server: d.server ?? d.userAgent } : null,
    target: target
      ? { host: target.host, address: target.address, port: target.port, transport: target.transport }
      : null,
    advice: {
      verdict: adviceFor(verdict, "en", facts),
      warnings: warnings.map((w) => adviceFor(w, "en", facts)),
    },
    facts,
    trace: ctx.trace,
    pbxProduct: ctx.pbxProduct,
    durationMs: ctx.elapsed(),
  };
}
