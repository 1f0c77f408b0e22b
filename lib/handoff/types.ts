/** What the browser learns about handoff links (browser-safe; never the token or its hash). */
import type { StepDto, TestSummaryDto } from "@/lib/connections/types";
import type { PublicError } from "@/lib/errors";

/**
 * Submissions one link allows. A failed test reopens the link (a typo in the password must not
 * use it up), but not endlessly: each attempt is a login against the customer's PBX.
 */
export const HANDOFF_MAX_ATTEMPTS = 5;

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
  /** Submissions so far (a failed test reopens the link until the maximum). */
  attempts: number;
  /** The test the provider's submission ran, in the viewer's language. */
  test: TestSummaryDto | null;
};

/** One line of the provider's NDJSON stream (POST /handoff/submit). */
export type HandoffStreamEvent =
  | { type: "saved" }
  | { type: "step"; step: StepDto }
  /** `attemptsLeft`: how often the provider may correct and send again (0: the link is used). */
  | { type: "result"; test: TestSummaryDto; attemptsLeft: number }
  | { type: "error"; error: PublicError };

/** The JSON body of a refused submission (HTTP 410 / 429). */
export type HandoffRefusedBody = {
  error: PublicError;
  refusal: HandoffRefusalCode;
};
