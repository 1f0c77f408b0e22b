/**
 * `npm run bench [-- SECTION…]`: every benchmark in turn, or only the sections named
 * (memory, ladder, verdicts, tools, cli). Figures are printed, never asserted.
 * Runs under `tsx --conditions=react-server` so server-only modules load outside Next.
 */
import { benchSip, SECTIONS, type Section } from "./sip";

const isSection = (s: string): s is Section => (SECTIONS as readonly string[]).includes(s);
const asked = process.argv.slice(2);
const unknown = asked.filter((s) => !isSection(s));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(", ")}; choose from ${SECTIONS.join(", ")}`);
  process.exit(2);
}
await benchSip(asked.length > 0 ? new Set(asked.filter(isSection)) : undefined);
