/** `2025-03-01T12:00:00.000Z` or an OpenSSL date (`Mar  1 12:00:00 2025 GMT`) → `2025-03-01`; unparseable input unchanged. */
export function formatDate(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString().slice(0, 10);
}
