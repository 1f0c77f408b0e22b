import { getTranslations } from "next-intl/server";
import { firewallInfo } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";

/**
 * The firewall rules a provider writes for the AI Colleague: port, protocol, direction and the
 * source addresses (SIP_PUBLIC_ADDRESSES, RTP_PORT_RANGE). When the addresses are not configured
 * the table says so instead of promising a list. Used on screen (step 4) and in the printout.
 */
export async function PortTable({ locale, testId = "port-table" }: { locale: Locale; testId?: string }) {
  const t = await getTranslations({ locale, namespace: "guide.steps.s4" });
  const fw = firewallInfo();
  const ours = fw.signalling.length > 0 ? fw.signalling : null;
  const rows = [
    { key: "signalling", port: "5060" },
    { key: "tls", port: "5061" },
    { key: "rtp", port: "10000–20000" },
  ] as const;
  const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
  const from = (key: (typeof rows)[number]["key"]) => (
    <>
      {ours ? (
        <span className="font-mono text-sm">{ours.join(", ")}</span>
      ) : (
        <span className="text-sm italic">{t("addressesUnknownShort")}</span>
      )}
      {key === "rtp" && fw.rtpRange ? (
        <span className="block text-sm">{t("fromPorts", { range: fw.rtpRange })}</span>
      ) : null}
    </>
  );
  return (
    <div className="space-y-2">
      <div className="rounded-md border border-slate-200">
        <table className="reflow w-full text-left" data-testid={testId}>
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                {t("columns.port")}
              </th>
              <th scope="col" className={th}>
                {t("columns.protocol")}
              </th>
              <th scope="col" className={th}>
                {t("columns.direction")}
              </th>
              <th scope="col" className={th}>
                {t("columns.from")}
              </th>
              <th scope="col" className={th}>
                {t("columns.purpose")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((r) => (
              <tr key={r.key}>
                <th
                  scope="row"
                  className="whitespace-nowrap px-3 py-2 font-mono font-semibold text-slate-900"
                  data-label={t("columns.port")}
                >
                  {r.port}
                </th>
                <td
                  className="px-3 py-2 text-sm font-medium text-slate-700"
                  data-label={t("columns.protocol")}
                >
                  {t(`${r.key}.proto`)}
                </td>
                <td className="px-3 py-2 text-sm text-slate-700" data-label={t("columns.direction")}>
                  {t(`${r.key}.direction`)}
                </td>
                <td className="px-3 py-2 text-sm text-slate-700" data-label={t("columns.from")}>
                  {from(r.key)}
                </td>
                <td className="px-3 py-2 text-sm text-slate-700" data-label={t("columns.purpose")}>
                  {t(`${r.key}.purpose`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ours ? null : (
        <p
          className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
          data-testid="addresses-unknown"
        >
          {t("addressesUnknown")}
        </p>
      )}
    </div>
  );
}
