/**
 * Network safety for SIP checks: resolve (RFC 3263) → check every answer → connect to that IP.
 * `resolveSipTarget` returns only addresses that passed `checkAddress`; connect to `target.address`
 * and never look the name up again. Call `assertConnectAllowed(ip, port, policy)` immediately before
 * every socket opens. `policyFromEnv()` reads SIP_CHECK_ALLOW_CIDRS (default: only public unicast).
 * Host syntax lives in `@/lib/validation/host` (browser-safe); everything here is server-only.
 */
import "server-only";

export type {
  DnsErrorCode,
  DnsRecordReport,
  DnsResolver,
  NaptrRecord,
  RejectedAddress,
  Resolution,
  ResolutionFailure,
  ResolveRequest,
  SipTarget,
  SrvRecord,
  Transport,
} from "./dns";
export { resolveSipTarget } from "./dns";
export type { AddressCheck, AddressCode, AddressPolicy, PortCheck } from "./policy";
export {
  AddressPolicyError,
  AllowCidrsError,
  assertConnectAllowed,
  checkAddress,
  checkPort,
  parseAllowCidrs,
  policyFromEnv,
} from "./policy";
export type { PortCheckResult, PortState } from "./ports";
export { refuseLookup, tcpPortCheck } from "./ports";
