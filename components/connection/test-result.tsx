"use client";
import { useTranslations } from "next-intl";
import type { ConnectionDto, TestSummaryDto } from "@/lib/connections/types";
import type { Advice } from "@/lib/verdicts/advice";
import { CopyButton } from "./copy-button";
import { formatDateTime } from "./format";

type T = ReturnType<typeof useTranslations<"wizard">>;

/** Plain text for an e-mail to the provider. The advice texts come from lib/verdicts. */
export function providerMessage(t: T, test: TestSummaryDto, c: ConnectionDto, locale: string): string {
  const a = test.advice.verdict;
  const lines = [
    t("provider.greeting"),
    "",
    t("provider.intro"),
    "",
    t("provider.username", { value: c.sipUsername }),
    t("provider.domain", { value: c.port ? `${c.sipDomain}:${c.port}` : c.sipDomain }),
  ];
  if (test.target) {
    lines.push(
      t("provider.target", {
        host: test.target.host,
        address: test.target.address,
        port: test.target.port,
        transport: test.target.transport.toUpperCase(),
      }),
    );
  }
  lines.push(t("provider.when", { date: formatDateTime(test.finishedAt, locale) }), "");
  lines.push(t("provider.result", { title: a.title }), t("provider.details", { text: a.explanation }));
  if (test.sip) lines.push(t("provider.response", { code: test.sip.statusCode, reason: test.sip.reason }));
  if (test.pbxProduct) lines.push(t("provider.server", { server: test.pbxProduct }));
  if (!test.ok) lines.push(t("provider.needed", { text: a.action }));
  if (test.advice.warnings.length > 0) {
    lines.push("", t("provider.warnings"));
    for (const w of test.advice.warnings) lines.push(`- ${w.title}: ${w.action}`);
  }
  lines.push("", t("provider.closing"));
  return lines.join("\n");
}

function AdviceBlock({ advice, tone }: { advice: Advice; tone: "ok" | "bad" | "warn" }) {
  const t = useTranslations("wizard.test");
  const border =
    tone === "ok" ? "border-emerald-600" : tone === "bad" ? "border-red-700" : "border-amber-500";
  return (
    <div className={`space-y-2 border-l-4 ${border} pl-4`}>
      <h4 className="text-lg font-semibold text-slate-900">{advice.title}</h4>
      <p className="text-slate-800">{advice.explanation}</p>
      {advice.who !== "none" ? (
        <dl className="grid gap-1 text-slate-800 sm:grid-cols-[max-content_1fr] sm:gap-x-4">
          <dt className="font-semibold">{t("whatToDo")}</dt>
          <dd>{advice.action}</dd>
          <dt className="font-semibold">{t("whoLabel")}</dt>
          <dd>{t(`who.${advice.who}`)}</dd>
        </dl>
      ) : advice.action ? (
        <p className="text-slate-800">{advice.action}</p>
      ) : null}
    </div>
  );
}

/** The verdict with its advice, the warnings, and the copyable message for the provider. */
export function TestResult({
  test,
  connection,
  locale,
}: {
  test: TestSummaryDto;
  connection: ConnectionDto;
  locale: string;
}) {
  const t = useTranslations("wizard");
  const message = providerMessage(t, test, connection, locale);
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h3 className="text-xl font-semibold text-slate-900">{t("test.verdictHeading")}</h3>
        <p className="text-sm text-slate-600">
          {t("test.testedOn", { date: formatDateTime(test.finishedAt, locale) })}
          {test.pbxProduct ? ` · ${t("test.pbx", { product: test.pbxProduct })}` : ""}
        </p>
        {!test.current ? (
          <p className="rounded-md bg-amber-50 p-3 font-medium text-amber-900">{t("test.stale")}</p>
        ) : null}
        <AdviceBlock advice={test.advice.verdict} tone={test.ok ? "ok" : "bad"} />
      </div>
      {test.advice.warnings.length > 0 ? (
        <div className="space-y-3">
          <h3 className="text-xl font-semibold text-slate-900">{t("test.warningsHeading")}</h3>
          <ul className="space-y-4">
            {test.advice.warnings.map((w) => (
              <li key={w.code}>
                <AdviceBlock advice={w} tone="warn" />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="space-y-3">
        <h3 className="text-xl font-semibold text-slate-900">{t("test.providerHeading")}</h3>
        <p className="text-slate-800">{t("test.providerIntro")}</p>
        <pre
          className="whitespace-pre-wrap break-words rounded-md border border-slate-300 bg-slate-50 p-4 font-mono text-sm text-slate-900"
          data-testid="provider-message"
        >
          {message}
        </pre>
        <CopyButton
          text={message}
          label={t("test.copy")}
          copiedLabel={t("test.copied")}
          failedLabel={t("start.copyFailed")}
        />
      </div>
    </div>
  );
}
