/**
 * `npm run bench`: every benchmark in turn. Figures are printed, never asserted.
 * Runs under `tsx --conditions=react-server` so server-only modules load outside Next.
 */
import { benchSip } from "./sip";

await benchSip();
