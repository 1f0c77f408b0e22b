/**
 * Dates in the support console are shown in UTC with the zone named: staff compare them with
 * PBX logs, and server and browser then render the same text (no hydration mismatch).
 */
export function formatUtc(date: Date | string | null | undefined, locale: string): string {
  if (!date) return "";
  const d = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return "";
  const text = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "UTC",
  }).format(d);
  return `${text} UTC`;
}

export function toIso(date: Date | string | null | undefined): string | undefined {
  if (!date) return undefined;
  const d = typeof date === "string" ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
