/**
 * `npm run bench [-- SECTION…]`: every benchmark in turn, or only the sections named
 * (memory, ladder, verdicts, tools, cli). Figures are printed, never asserted.
 * Runs under `tsx --conditions=react-server` so server-only modules load outside Next.
 */
import { benchCall } from "./call";
import { benchSip, SECTIONS as SIP_SECTIONS } from "./sip";

// "call" runs the test-call benchmarks (bench/call.ts) after the SIP ones.
const SECTIONS = [...SIP_SECTIONS, "call"] as const;
type Section = (typeof SECTIONS)[number];

const isSection = (s: string): s is Section => (SECTIONS as readonly string[]).includes(s);
const asked = process.argv.slice(2);
const unknown = asked.filter((s) => !isSection(s));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(", ")}; choose from ${SECTIONS.join(", ")}`);
  process.exit(2);
}
const only = asked.length > 0 ? new Set(asked.filter(isSection)) : null;
const sip = only
  ? new Set([...only].filter((s): s is (typeof SIP_SECTIONS)[number] => s !== "call"))
  : undefined;
if (!only || sip?.size) await benchSip(sip);
if (!only || only.has("call")) await benchCall();
