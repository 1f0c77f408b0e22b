/**
 * Renders a step's detail (./step-details) as one line in the viewer's language. Tolerates
 * stored rows from before details were data: a plain string is shown as it is.
 */
import type { Locale } from "./advice";
import type { StepDetail, StepTexts } from "./step-details";
import { STEP_EN } from "./step-texts-en";
import { STEP_NL } from "./step-texts-nl";

export type { StepTexts } from "./step-details";

const TEXTS: Record<Locale, StepTexts> = { en: STEP_EN, nl: STEP_NL };

export function stepDetailText(detail: StepDetail | string, locale: Locale): string {
  if (typeof detail === "string") return detail;
  const render = TEXTS[locale][detail.code] as (p: StepDetail["params"]) => string;
  return render(detail.params);
}

const CODES = new Set<string>(Object.keys(STEP_EN));

/**
 * A stored step's `detail` (jsonb) as the renderer takes it: a known code with params, or an
 * older row's sentence. Anything else renders as nothing.
 */
export function storedStepDetailText(value: unknown, locale: Locale): string {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null) return "";
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (typeof code !== "string" || !CODES.has(code) || typeof params !== "object" || params === null)
    return "";
  try {
    return stepDetailText(value as StepDetail, locale);
  } catch {
    // A row whose params do not fit its code (written by another version): show no detail.
    return "";
  }
}

const PORT_STATES = new Set(["open", "closed", "filtered", "not_checked"]);

/**
 * The port states of a `ports` detail (live or stored), for a display that names open and closed
 * ports; undefined for any other detail.
 */
export function portStatesOf(
  value: unknown,
):
  | Array<{ port: number; transport: "tcp"; state: "open" | "closed" | "filtered" | "not_checked" }>
  | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { code, params } = value as { code?: unknown; params?: { ports?: unknown } };
  if (code !== "ports" || typeof params !== "object" || params === null || !Array.isArray(params.ports))
    return undefined;
  const out: Array<{
    port: number;
    transport: "tcp";
    state: "open" | "closed" | "filtered" | "not_checked";
  }> = [];
  for (const p of params.ports as unknown[]) {
    if (typeof p !== "object" || p === null) continue;
    const { port, state } = p as { port?: unknown; state?: unknown };
    if (typeof port === "number" && typeof state === "string" && PORT_STATES.has(state))
      out.push({ port, transport: "tcp", state: state as "open" | "closed" | "filtered" | "not_checked" });
  }
  return out;
}
