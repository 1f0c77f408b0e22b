import "server-only";

/**
 * Who is acting: the signed-in user behind the request's session (server/auth/current.ts reads
 * it). Every read and write goes through `organizationId` (customers) or orgScope() (support).
 */
export type Actor = {
  userId: string | null;
  organizationId: string;
  role: "customer" | "support";
  /** For audit events: an e-mail, "support: jane@example.com". */
  label: string;
};
