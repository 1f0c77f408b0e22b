/** What the browser learns about handoff links (browser-safe; never the token or its hash). */
import type { StepDto, TestSummaryDto } from "@/lib/connections/types";
import type { PublicError } from "@/lib/errors";

export type HandoffState = "pending" | "used" | "expired" | "revoked";
export type HandoffRefusalCode = "not_found" | "used" | "expired" | "revoked" | "rate_limited";

export type HandoffLinkDto = {
  id: string;
  state: HandoffState;
  createdAt: string;
  expiresAt: string;
  openedAt: string | null;
  usedAt: string | null;
  revokedAt: string | null;
  /** The test the provider's submission ran, in the viewer's language. */
  test: TestSummaryDto | null;
};

/** One line of the provider's NDJSON stream (POST /handoff/submit). */
export type HandoffStreamEvent =
  | { type: "saved" }
  | { type: "step"; step: StepDto }
  | { type: "result"; test: TestSummaryDto }
  | { type: "error"; error: PublicError };

/** The JSON body of a refused submission (HTTP 410 / 429). */
export type HandoffRefusedBody = {
  error: PublicError;
  refusal: HandoffRefusalCode;
};
