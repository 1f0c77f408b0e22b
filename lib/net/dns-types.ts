/** Types of RFC 3263 resolution (lib/net/dns.ts). */
import type { NaptrRecord, SrvRecord } from "node:dns";
import type { AddressPolicy } from "./policy";

export type { NaptrRecord, SrvRecord };

/** Same shapes as node:dns/promises Resolver; injectable for tests. */
export interface DnsResolver {
  resolveNaptr(hostname: string): Promise<NaptrRecord[]>;
  resolveSrv(hostname: string): Promise<SrvRecord[]>;
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
}

import type { Transport } from "@/lib/transport";

export type { Transport };

export type SipTarget = {
  /** The SIP domain as entered: Request-URI host and, per RFC 5922 §4.1, the TLS identity. */
  host: string;
  /** The name whose A/AAAA gave `address` (the SRV target, or `host`). */
  server: string;
  /** Checked IP to connect to; never look the name up again. */
  address: string;
  family: 4 | 6;
  port: number;
  transport: Transport;
  source: "literal" | "naptr" | "srv" | "a";
};

export type DnsErrorCode = "nxdomain" | "no_data" | "timeout" | "servfail" | "refused" | "error";

export type DnsRecordReport = {
  type: "NAPTR" | "SRV" | "A" | "AAAA";
  name: string;
  answers: string[];
  error: DnsErrorCode | null;
  durationMs: number;
};

export type RejectedAddress = {
  host: string;
  address: string | null;
  port: number;
  transport: Transport;
  code: "private_address" | "blocked_target" | "blocked_port";
  range: string;
  detail: string;
};

export type ResolutionFailure =
  | "invalid_host"
  | "dns_failed"
  | "private_address"
  | "blocked_target"
  | "blocked_port";

export type Resolution =
  | { ok: true; targets: SipTarget[]; records: DnsRecordReport[]; rejected: RejectedAddress[] }
  | {
      ok: false;
      code: ResolutionFailure;
      detail: string;
      records: DnsRecordReport[];
      rejected: RejectedAddress[];
    };

export type ResolveRequest = {
  host: string;
  port?: number;
  transport: "auto" | Transport;
  policy: AddressPolicy;
  resolver?: DnsResolver;
  /** Budget for the whole resolution (default 5000 ms); each stage gets at most a third. */
  timeoutMs?: number;
};
