/**
 * `npm run bench`: every benchmark in turn. Figures are printed, never asserted.
 * Runs under `tsx --conditions=react-server` so server-only modules load outside Next.
 */
import { benchCall } from "./call";
import { benchSip } from "./sip";

await benchSip();
await benchCall();
