import "server-only";
import type { ConnectionView } from "@/db/queries/connections";
import type { ConnectionDto } from "@/lib/connections/types";

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
