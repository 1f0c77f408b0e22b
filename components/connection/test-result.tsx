"use client";
import { useTranslations } from "next-intl";
import type { ConnectionDto, TestSummaryDto } from "@/lib/connections/types";
import { CopyButton } from "./copy-button";
import { formatDateTime } from "./format";
import { AdviceBlock } from "./test-verdict";

type T = ReturnType<typeof useTranslations<"wizard">>;

/**
 * Plain text for an e-mail to the provider, written to the provider (the advice's provider
 * texts from lib/verdicts), with the addresses their firewall must allow.
 */
export function providerMessage(t: T, test: TestSummaryDto, c: ConnectionDto, locale: string): string {
  const advice = test.advice.forProvider ?? test.advice;
  const a = advice.verdict;
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
  if (advice.warnings.length > 0) {
    lines.push("", t("provider.warnings"));
    for (const w of advice.warnings) lines.push(`- ${w.title}: ${w.action}`);
  }
  const fw = test.advice.firewall;
  lines.push("");
  lines.push(
    fw && fw.signalling.length > 0
      ? t("provider.addresses", { list: fw.signalling.join(", ") })
      : t("provider.addressesUnknown"),
  );
  if (fw?.rtpRange) lines.push(t("provider.rtpRange", { range: fw.rtpRange }));
  lines.push("", t("provider.closing"));
  return lines.join("\n");
}

/** Under the verdict and the ladder: the warnings, and the copyable message for the provider. */
export function TestResultExtras({ test, message }: { test: TestSummaryDto; message: string }) {
  const t = useTranslations("wizard");
  const showMessage = !test.ok || test.advice.warnings.length > 0;
  return (
    <div className="space-y-6">
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
      {showMessage ? (
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
      ) : null}
    </div>
  );
}
