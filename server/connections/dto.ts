import "server-only";
import type { ConnectionView } from "@/db/queries/connections";
import type { TestRecord } from "@/db/queries/tests";
import type { Json } from "@/db/schema";
import { parseFacts } from "@/lib/connections/facts";
import type { ConnectionDto, StepDto, TestSummaryDto } from "@/lib/connections/types";
import { firewallInfo } from "@/lib/env";
import { type AdviceFacts, type Audience, adviceFor, type Locale } from "@/lib/verdicts/advice";
import { isVerdict, isWarningCode, STEP_NAMES, type StepName, type WarningCode } from "@/lib/verdicts/codes";
import { portStatesOf, storedStepDetailText } from "@/lib/verdicts/step-texts";

/** The browser's view of a connection: explicit fields, so nothing secret can ride along. */
export function toConnectionDto(c: ConnectionView): ConnectionDto {
  return {
    id: c.id,
    label: c.label,
    sipUsername: c.sipUsername,
    authUsername: c.authUsername,
    sipDomain: c.sipDomain,
    port: c.port,
    transport: c.transport,
    outboundProxy: c.outboundProxy,
    passwordSavedAt: c.passwordSavedAt?.toISOString() ?? null,
    credentialRevision: c.credentialRevision,
    status: c.status,
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
    activatedAt: c.activatedAt?.toISOString() ?? null,
  };
}

/** Who reads the advice and which account it is about (so a rejection can name it). */
export type AdviceReader = { audience?: Audience; username?: string };

export function adviceBundle(
  verdict: TestSummaryDto["verdict"],
  warnings: WarningCode[],
  locale: Locale,
  facts: AdviceFacts,
  reader: AdviceReader = {},
): TestSummaryDto["advice"] {
  const firewall = firewallInfo();
  const bundle = (audience: Audience) => {
    const options = { ...reader, audience, firewall };
    return {
      verdict: adviceFor(verdict, locale, facts, options),
      warnings: warnings.map((w) => adviceFor(w, locale, facts, options)),
    };
  };
  const audience = reader.audience ?? "customer";
  return {
    ...bundle(audience),
    ...(audience === "customer" ? { forProvider: bundle("provider") } : {}),
    firewall,
  };
}

type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: Json | undefined): number | undefined => (typeof v === "number" ? v : undefined);

function parseSteps(v: Json | null, locale: Locale): StepDto[] {
  if (!Array.isArray(v)) return [];
  const out: StepDto[] = [];
  for (const s of v) {
    if (!isObj(s)) continue;
    const name = str(s.name);
    const status = str(s.status);
    if (!name || !(STEP_NAMES as readonly string[]).includes(name)) continue;
    if (status !== "pass" && status !== "fail" && status !== "warn" && status !== "skip") continue;
    const step: StepDto = {
      name: name as StepName,
      status,
      durationMs: num(s.durationMs) ?? 0,
      detail: storedStepDetailText(s.detail, locale),
    };
    const ports = portStatesOf(s.detail);
    if (ports) step.ports = ports;
    out.push(step);
  }
  return out;
}

function parseWarnings(v: Json | null): WarningCode[] {
  return Array.isArray(v) ? v.filter((w): w is WarningCode => typeof w === "string" && isWarningCode(w)) : [];
}

function parseSip(v: Json | null): TestSummaryDto["sip"] {
  if (!isObj(v)) return null;
  const statusCode = num(v.statusCode);
  if (statusCode === undefined) return null;
  return { statusCode, reason: str(v.reason) ?? "", server: str(v.server) ?? null };
}

function parseTarget(v: Json | null): TestSummaryDto["target"] {
  if (!isObj(v)) return null;
  const host = str(v.host);
  const address = str(v.address);
  const port = num(v.port);
  const transport = str(v.transport);
  if (!host || !address || port === undefined) return null;
  if (transport !== "udp" && transport !== "tcp" && transport !== "tls") return null;
  return { host, address, port, transport };
}

/**
 * A stored test as the wizard shows it. The engine's facts are stored (connection_tests.facts);
 * rows from before that column existed fall back to what the row does keep (domain, target,
 * SIP status, server).
 */
export function storedTestSummary(
  t: TestRecord,
  connection: Pick<ConnectionView, "sipDomain" | "credentialRevision" | "sipUsername">,
  locale: Locale,
  audience: Audience = "customer",
): TestSummaryDto | null {
  if (!t.finishedAt || !t.verdict || !isVerdict(t.verdict)) return null;
  const warnings = parseWarnings(t.warnings);
  const sip = parseSip(t.sip);
  const target = parseTarget(t.target);
  const derived: AdviceFacts = { domain: connection.sipDomain };
  if (target) {
    derived.port = target.port;
    derived.transport = target.transport;
  }
  if (sip) {
    derived.statusCode = sip.statusCode;
    derived.reason = sip.reason;
    if (sip.server) derived.server = sip.server;
  }
  const facts: AdviceFacts = { ...derived, ...parseFacts(t.facts) };
  return {
    testId: t.id,
    ok: t.ok === true,
    verdict: t.verdict,
    warnings,
    steps: parseSteps(t.steps, locale),
    facts,
    sip,
    target,
    pbxProduct: t.pbxProduct,
    durationMs: +t.finishedAt - +t.startedAt,
    credentialRevision: t.credentialRevision,
    finishedAt: t.finishedAt.toISOString(),
    current: t.credentialRevision === connection.credentialRevision,
    advice: adviceBundle(t.verdict, warnings, locale, facts, {
      audience,
      username: connection.sipUsername || undefined,
    }),
  };
}
