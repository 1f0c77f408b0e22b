import { useLocale, useTranslations } from "next-intl";
import { formatUtc, toIso } from "./format";

export type AuditRow = {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  details: unknown;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The details of an event as short "key: value" text; audit details never hold secrets (db/queries/audit.ts). */
function summarize(details: unknown): string {
  if (!isObj(details)) return "";
  return Object.entries(details)
    .filter(([k, v]) => k !== "note" && v !== null && !(Array.isArray(v) && v.length === 0))
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? v.join(", ") : typeof v === "object" ? JSON.stringify(v) : String(v)}`,
    )
    .join(" · ");
}

export function AuditLog({ events }: { events: AuditRow[] }) {
  const t = useTranslations("support.detail");
  const locale = useLocale();
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("auditEmpty")}</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="audit-log">
        <caption className="sr-only">{t("audit")}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("auditWhen")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("auditWho")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("auditWhat")}
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            // Message keys cannot contain dots (they mean nesting): connection.tested → connection_tested.
            const key = `actionsList.${e.action.replaceAll(".", "_")}`;
            const note = isObj(e.details) && typeof e.details.note === "string" ? e.details.note : null;
            return (
              <tr key={e.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2 whitespace-nowrap">
                  <time dateTime={toIso(e.at)}>{formatUtc(e.at, locale)}</time>
                </td>
                <td className="px-3 py-2">{e.actorLabel}</td>
                <td className="px-3 py-2">
                  <span className="font-medium">{t.has(key) ? t(key) : e.action}</span>
                  {note !== null && <p className="mt-1 whitespace-pre-wrap">{note}</p>}
                  {summarize(e.details) !== "" && (
                    <span className="block font-mono text-xs text-slate-600">{summarize(e.details)}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
