import { useLocale, useTranslations } from "next-intl";
import { parseFacts } from "@/lib/connections/facts";
import type { AdviceFacts } from "@/lib/verdicts/advice";
import { adviceFor } from "@/lib/verdicts/advice";
import { isVerdict, type StepStatus } from "@/lib/verdicts/codes";
import { AdviceBlock } from "./advice-block";
import { formatUtc, toIso } from "./format";
import { LadderDiagram } from "./ladder-diagram";
import { parseSteps, parseTrace, parseWarnings } from "./test-data";

/** One stored test as the timeline needs it (a subset of connection_tests' columns). */
export type TimelineTest = {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  verdict: string | null;
  ok: boolean | null;
  warnings: unknown;
  steps: unknown;
  sip: unknown;
  target: unknown;
  trace: unknown;
  facts: unknown;
  pbxProduct: string | null;
  credentialRevision: number;
};

const STATUS_STYLE: Record<StepStatus, string> = {
  pass: "bg-green-100 text-green-900",
  fail: "bg-red-100 text-red-900",
  warn: "bg-amber-100 text-amber-900",
  skip: "bg-slate-100 text-slate-700",
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Facts for the advice texts: the engine's stored facts (connection_tests.facts), over what
 * older rows without them still tell (SIP status, server, target).
 */
export function factsOf(test: Pick<TimelineTest, "sip" | "target" | "facts">, domain: string): AdviceFacts {
  const facts: AdviceFacts = { domain };
  if (isObj(test.sip)) {
    if (typeof test.sip.server === "string") facts.server = test.sip.server;
    if (typeof test.sip.statusCode === "number") facts.statusCode = test.sip.statusCode;
    if (typeof test.sip.reason === "string") facts.reason = test.sip.reason;
  }
  if (isObj(test.target)) {
    if (typeof test.target.port === "number") facts.port = test.target.port;
    if (typeof test.target.transport === "string") facts.transport = test.target.transport;
  }
  return { ...facts, ...parseFacts(test.facts) };
}

function Steps({ steps }: { steps: ReturnType<typeof parseSteps> }) {
  const t = useTranslations("support.timeline");
  if (steps.length === 0) return <p className="text-sm text-slate-600">{t("noSteps")}</p>;
  return (
    <ol className="space-y-1 border-l-2 border-slate-300 pl-4" aria-label={t("stepsLabel")}>
      {steps.map((s) => (
        <li key={s.name} className="relative text-sm">
          <span
            className={`mr-2 inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLE[s.status]}`}
          >
            {t(`status.${s.status}`)}
          </span>
          <span className="font-medium">{t.has(`step.${s.name}`) ? t(`step.${s.name}`) : s.name}</span>
          <span className="ml-2 font-mono text-xs text-slate-600">{Math.round(s.durationMs)} ms</span>
          {s.detail !== "" && <span className="block text-xs text-slate-700">{s.detail}</span>}
        </li>
      ))}
    </ol>
  );
}

/** The connection's tests, newest first; the newest is open, older ones expand on demand. */
export function TestTimeline({ tests, domain }: { tests: TimelineTest[]; domain: string }) {
  const t = useTranslations("support.timeline");
  const locale = useLocale();
  const lang = locale === "nl" ? "nl" : "en";
  if (tests.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <ol className="space-y-3" data-testid="test-timeline">
      {tests.map((test, index) => {
        const verdictTitle =
          test.verdict && isVerdict(test.verdict)
            ? adviceFor(test.verdict, lang).title
            : test.finishedAt
              ? (test.verdict ?? t("unknown"))
              : t("running");
        const duration =
          test.finishedAt !== null ? Math.max(0, +test.finishedAt - +test.startedAt) : undefined;
        const tone =
          test.ok === true ? "border-green-600" : test.ok === false ? "border-red-600" : "border-slate-400";
        return (
          <li key={test.id} className={`rounded-md border-l-4 bg-white p-3 shadow-sm ${tone}`}>
            <details open={index === 0}>
              <summary className="cursor-pointer">
                <time dateTime={toIso(test.startedAt)} className="font-mono text-sm">
                  {formatUtc(test.startedAt, locale)}
                </time>
                <span className="ml-3 font-semibold" data-testid="test-verdict">
                  {verdictTitle}
                </span>
                <span className="ml-3 text-xs text-slate-600">
                  {duration !== undefined && t("took", { ms: duration })}
                  {" · "}
                  {t("revision", { n: test.credentialRevision })}
                  {test.pbxProduct && ` · ${test.pbxProduct}`}
                </span>
              </summary>
              <div className="mt-3 space-y-4">
                <AdviceBlock
                  verdict={test.verdict}
                  warnings={parseWarnings(test.warnings)}
                  facts={factsOf(test, domain)}
                />
                <section>
                  <h3 className="mb-1 text-sm font-semibold">{t("steps")}</h3>
                  <Steps steps={parseSteps(test.steps, lang)} />
                </section>
                <section>
                  <h3 className="mb-1 text-sm font-semibold">{t("trace")}</h3>
                  <LadderDiagram trace={parseTrace(test.trace)} id={`trace-${test.id}`} />
                </section>
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
