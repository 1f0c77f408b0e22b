/**
 * An in-memory DnsResolver for tests: answers from a zone table, never touches the network.
 * A missing name answers ENOTFOUND (NXDOMAIN), a missing type ENODATA, `"hang"` never answers.
 */
import type { NaptrRecord, SrvRecord } from "node:dns";
import type { DnsResolver } from "../dns";

type Answer<T> = T[] | "hang" | (() => T[]);

export type StubZone = Record<
  string,
  { A?: Answer<string>; AAAA?: Answer<string>; SRV?: Answer<SrvRecord>; NAPTR?: Answer<NaptrRecord> }
>;

export type StubResolver = DnsResolver & { queries: string[] };

function dnsError(code: string, name: string): Error {
  return Object.assign(new Error(`${code} ${name}`), { code, hostname: name });
}

export function stubResolver(zone: StubZone): StubResolver {
  const queries: string[] = [];
  function answer<T>(type: "A" | "AAAA" | "SRV" | "NAPTR", name: string): Promise<T[]> {
    queries.push(`${type} ${name}`);
    const entry = zone[name];
    if (!entry) return Promise.reject(dnsError("ENOTFOUND", name));
    const a = entry[type] as Answer<T> | undefined;
    if (a === undefined) return Promise.reject(dnsError("ENODATA", name));
    if (a === "hang") return new Promise<T[]>(() => {});
    return Promise.resolve(typeof a === "function" ? a() : a);
  }
  return {
    queries,
    resolveNaptr: (h) => answer<NaptrRecord>("NAPTR", h),
    resolveSrv: (h) => answer<SrvRecord>("SRV", h),
    resolve4: (h) => answer<string>("A", h),
    resolve6: (h) => answer<string>("AAAA", h),
  };
}

export const srv = (priority: number, weight: number, port: number, name: string): SrvRecord => ({
  priority,
  weight,
  port,
  name,
});

export const naptr = (
  order: number,
  preference: number,
  service: string,
  replacement: string,
): NaptrRecord => ({
  order,
  preference,
  flags: "s",
  service,
  regexp: "",
  replacement,
});
