/**
 * The one mapper from a test as stored (a connection_tests row) to what a viewer reads
 * (`TestSummaryDto`), and the one reading of its jsonb columns. The engine wrote them, but a row
 * may be older than today's shapes or damaged: each column is parsed with a zod schema and a bad
 * entry is dropped, so a row degrades to "less to show", never a crash. The live result of
 * run-test goes through here too, so a reloaded result reads exactly as the streamed one.
 * Pure and browser-safe.
 */
import { z } from "zod";
import type { Locale } from "@/lib/i18n/config";
import { TRANSPORTS } from "@/lib/transport";
import { type AdviceFacts, type Audience, adviceFor, type FirewallInfo } from "@/lib/verdicts/advice";
import { isVerdict, isWarningCode, STEP_NAMES, type Verdict, type WarningCode } from "@/lib/verdicts/codes";
import { portStatesOf, storedStepDetailText } from "@/lib/verdicts/step-texts";
import { parseFacts } from "./facts";
import type { StepDto, TestSummaryDto } from "./types";

/** The columns the mapper reads (db/queries/tests.ts TestRecord has them all). */
export type StoredTest = {
  /** null: a test refused before it started, which has no row. */
  id: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  verdict: string | null;
  ok: boolean | null;
  warnings: unknown;
  steps: unknown;
  sip: unknown;
  target: unknown;
  facts: unknown;
  pbxProduct: string | null;
  credentialRevision: number;
};

/** One stored step (lib/sip StepResult); `detail` is rendered by lib/verdicts/step-texts. */
const storedStepSchema = z.object({
  name: z.enum(STEP_NAMES),
  status: z.enum(["pass", "fail", "warn", "skip"]),
  durationMs: z.number().finite().nonnegative().catch(0),
  detail: z.unknown(),
});

const sipSchema = z.object({
  statusCode: z.number().int(),
  reason: z.string().catch(""),
  server: z.string().nullable().catch(null),
});

const targetSchema = z.object({
  host: z.string().min(1),
  address: z.string().min(1),
  port: z.number().int(),
  transport: z.enum(TRANSPORTS),
});

/** One step (stored, or streamed live by the engine) with its detail worded in `locale`. */
export function toStepDto(raw: unknown, locale: Locale): StepDto | null {
  const s = storedStepSchema.safeParse(raw);
  if (!s.success) return null;
  const { name, status, durationMs, detail } = s.data;
  const step: StepDto = { name, status, durationMs, detail: storedStepDetailText(detail, locale) };
  // The ports step: each port's state, so the ladder can say which are open and closed.
  const ports = portStatesOf(detail);
  if (ports) step.ports = ports;
  return step;
}

/** The stored steps that fit the schema. */
export function parseStoredSteps(v: unknown, locale: Locale): StepDto[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((raw) => toStepDto(raw, locale) ?? []);
}

export function parseStoredWarnings(v: unknown): WarningCode[] {
  return Array.isArray(v) ? v.filter((w): w is WarningCode => typeof w === "string" && isWarningCode(w)) : [];
}

function parseStoredSip(v: unknown): TestSummaryDto["sip"] {
  const r = sipSchema.safeParse(v);
  return r.success ? r.data : null;
}

function parseStoredTarget(v: unknown): TestSummaryDto["target"] {
  const r = targetSchema.safeParse(v);
  return r.success ? r.data : null;
}

/**
 * Facts for the advice texts: the engine's stored facts (connection_tests.facts), over what
 * rows from before that column still tell (target, SIP status, server).
 */
export function storedFacts(t: Pick<StoredTest, "sip" | "target" | "facts">, domain: string): AdviceFacts {
  const derived: AdviceFacts = { domain };
  const target = parseStoredTarget(t.target);
  if (target) {
    derived.port = target.port;
    derived.transport = target.transport;
  }
  const sip = parseStoredSip(t.sip);
  if (sip) {
    derived.statusCode = sip.statusCode;
    derived.reason = sip.reason;
    if (sip.server) derived.server = sip.server;
  }
  return { ...derived, ...parseFacts(t.facts) };
}

/**
 * Who reads the advice, and where the tester connects from (server configuration, so the caller
 * passes it: this module stays browser-safe).
 */
export type AdviceReader = { audience?: Audience; firewall?: FirewallInfo };

/**
 * The advice in the reader's words. A customer also gets the same advice written to the
 * provider (`forProvider`), for the message they forward.
 */
function adviceBundle(
  verdict: Verdict,
  warnings: WarningCode[],
  locale: Locale,
  facts: AdviceFacts,
  reader: AdviceReader & { username?: string },
): TestSummaryDto["advice"] {
  const { firewall, username } = reader;
  const bundle = (audience: Audience) => {
    const options = { audience, username, firewall };
    return {
      verdict: adviceFor(verdict, locale, facts, options),
      warnings: warnings.map((w) => adviceFor(w, locale, facts, options)),
    };
  };
  const audience = reader.audience ?? "customer";
  return {
    ...bundle(audience),
    ...(audience === "customer" ? { forProvider: bundle("provider") } : {}),
    ...(firewall ? { firewall } : {}),
  };
}

/** A finished test as the viewer reads it; null while it runs or when its verdict is unknown. */
export function toTestSummary(
  t: StoredTest,
  connection: { sipDomain: string; credentialRevision: number; sipUsername?: string },
  locale: Locale,
  reader: AdviceReader = {},
): TestSummaryDto | null {
  if (!t.finishedAt || !t.verdict || !isVerdict(t.verdict)) return null;
  const warnings = parseStoredWarnings(t.warnings);
  const facts = storedFacts(t, connection.sipDomain);
  return {
    testId: t.id,
    ok: t.ok === true,
    verdict: t.verdict,
    warnings,
    steps: parseStoredSteps(t.steps, locale),
    facts,
    sip: parseStoredSip(t.sip),
    target: parseStoredTarget(t.target),
    pbxProduct: t.pbxProduct,
    durationMs: Math.max(0, +t.finishedAt - +t.startedAt),
    credentialRevision: t.credentialRevision,
    finishedAt: t.finishedAt.toISOString(),
    current: t.credentialRevision === connection.credentialRevision,
    // The account's name, so a rejection can say which one ("user 1050 at pbx.example.com").
    advice: adviceBundle(t.verdict, warnings, locale, facts, {
      ...reader,
      username: connection.sipUsername || undefined,
    }),
  };
}
