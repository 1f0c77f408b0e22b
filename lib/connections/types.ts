/**
 * What the wizard's browser code receives (browser-safe; type-only imports). Dates are ISO
 * strings; there is no password field anywhere — the browser only learns *when* it was saved.
 */

import type { PublicError } from "@/lib/errors";
import type { Transport, TransportChoice } from "@/lib/transport";
import type { Advice, AdviceFacts, FirewallInfo } from "@/lib/verdicts/advice";
import type { StepName, StepStatus, Verdict, WarningCode } from "@/lib/verdicts/codes";
import type { ConnectionStatus } from "./status";

export type ConnectionDto = {
  id: string;
  label: string;
  sipUsername: string;
  authUsername: string | null;
  sipDomain: string;
  port: number | null;
  transport: TransportChoice;
  outboundProxy: string | null;
  passwordSavedAt: string | null;
  credentialRevision: number;
  status: ConnectionStatus;
  version: number;
  updatedAt: string;
  activatedAt: string | null;
};

/** A port the ports step checked, and what it found (open, closed, …). */
export type PortStateDto = {
  port: number;
  transport: "tcp";
  state: "open" | "closed" | "filtered" | "not_checked";
};

export type StepDto = {
  name: StepName;
  status: StepStatus;
  durationMs: number;
  /** The engine's finding in the viewer's language: technical, for providers and support. */
  detail: string;
  /** The ports step only: each port's state, so the ladder can say which are open and closed. */
  ports?: PortStateDto[];
};

export type TestSummaryDto = {
  /** null when the test never started (refused by a rate limit before any packet). */
  testId: string | null;
  ok: boolean;
  verdict: Verdict;
  warnings: WarningCode[];
  steps: StepDto[];
  facts: AdviceFacts;
  sip: { statusCode: number; reason: string; server: string | null } | null;
  target: { host: string; address: string; port: number; transport: Transport } | null;
  pbxProduct: string | null;
  durationMs: number;
  credentialRevision: number;
  finishedAt: string;
  /** True when this test was of the connection's current credentials. */
  current: boolean;
  /**
   * In the viewer's language, from lib/verdicts (the one source of advice texts). `forProvider`
   * is the same advice written to the provider, for the message the customer forwards;
   * `firewall` is where the tester connects from.
   */
  advice: {
    verdict: Advice;
    warnings: Advice[];
    forProvider?: { verdict: Advice; warnings: Advice[] };
    firewall?: FirewallInfo;
  };
};

/** One line of the NDJSON test stream (POST /api/connections/:id/test). */
export type TestStreamEvent =
  | { type: "started"; testId: string | null; credentialRevision: number }
  | { type: "step_start"; name: StepName; limitMs: number }
  | { type: "step"; step: StepDto }
  | { type: "result"; test: TestSummaryDto; connection: ConnectionDto; canActivate: boolean }
  | { type: "error"; error: PublicError };

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: PublicError };

export type WizardData = {
  connection: ConnectionDto;
  latest: TestSummaryDto | null;
  canActivate: boolean;
};
