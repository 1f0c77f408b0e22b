import "server-only";
import type { ConnectionView } from "@/db/queries/connections";
import { type StoredTest, toTestSummary } from "@/lib/connections/test-summary";
import type { ConnectionDto, TestSummaryDto } from "@/lib/connections/types";
import { firewallInfo } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import type { Audience } from "@/lib/verdicts/advice";

/** The browser's view of a connection: explicit fields, so nothing secret can ride along. */
export function toConnectionDto(c: ConnectionView): ConnectionDto {
  return {
    id: c.id,
    label: c.label,
    sipUsername: c.sipUsername,
    authUsername: c.authUsername,
    sipDomain: c.sipDomain,
    port: c.port,
    transport: c.transport,
    outboundProxy: c.outboundProxy,
    passwordSavedAt: c.passwordSavedAt?.toISOString() ?? null,
    credentialRevision: c.credentialRevision,
    status: c.status,
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
    activatedAt: c.activatedAt?.toISOString() ?? null,
  };
}

/**
 * A test as `audience` reads it (lib/connections/test-summary), with this server's firewall
 * addresses (SIP_PUBLIC_ADDRESSES, RTP_PORT_RANGE) for the "allow our addresses" advice.
 */
export function testSummaryFor(
  t: StoredTest,
  connection: Pick<ConnectionView, "sipDomain" | "credentialRevision" | "sipUsername">,
  locale: Locale,
  audience: Audience = "customer",
): TestSummaryDto | null {
  return toTestSummary(t, connection, locale, { audience, firewall: firewallInfo() });
}
