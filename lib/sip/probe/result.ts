/** Assembles the SipCheckResult: steps in ladder order (unreached ones as "skip"), facts. Data only. */
import "server-only";
import type { SipTarget } from "@/lib/net/dns";
import { STEP_NAMES, type StepName, type Verdict, WARNINGS } from "@/lib/verdicts/codes";
import type { SkipReason } from "@/lib/verdicts/step-details";
import type { CheckContext } from "./context";
import type { SipCheckResult } from "./types";

const REALM_EXPLAINS: readonly Verdict[] = ["wrong_credentials", "forbidden"];

const SKIPPED: Partial<Record<StepName, SkipReason>> = {
  register_binding: "query_mode",
  unregister: "query_mode_nothing_bound",
};

export function finishResult(
  ctx: CheckContext,
  verdict: Verdict,
  target: SipTarget | null,
  mode: "query" | "register",
): SipCheckResult {
  for (const name of STEP_NAMES) {
    const why: SkipReason =
      mode === "query" && verdict === "registered" ? (SKIPPED[name] ?? "not_needed") : "not_reached";
    ctx.step(name, "skip", performance.now(), { code: "skipped", params: { why } });
  }
  const order = (n: StepName) => STEP_NAMES.indexOf(n);
  const steps = [...ctx.steps].sort((a, b) => order(a.name) - order(b.name));
  // Realm ≠ domain is normal (Asterisk's "asterisk"); it is told only where a login failed.
  if (ctx.realmDiffers && REALM_EXPLAINS.includes(verdict)) ctx.warn("realm_mismatch");
  const warnings = WARNINGS.filter((w) => ctx.warnings.has(w));
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
    facts: { ...ctx.facts },
    trace: ctx.trace,
    pbxProduct: ctx.pbxProduct,
    pbxFamily: ctx.pbxFamily,
    durationMs: ctx.elapsed(),
  };
}
