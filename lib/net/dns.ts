/**
 * RFC 3263 §4 server location for a SIP domain, with the address policy applied to every answer.
 * The result carries checked IP addresses: callers connect to `address` and never look the name up
 * again, so DNS rebinding cannot switch the target between check and connect.
 */
import "server-only";
import { Resolver } from "node:dns/promises";
import { parseHostInput } from "@/lib/validation/host";
import type {
  DnsRecordReport,
  DnsResolver,
  RejectedAddress,
  Resolution,
  ResolutionFailure,
  ResolveRequest,
  SipTarget,
  Transport,
} from "./dns-types";
import {
  errorCode,
  INTERNAL_SUFFIXES,
  isLoopbackName,
  LOOPBACK_NAMES,
  NEVER_RESOLVES,
  suffixOf,
  withTimeout,
} from "./dns-util";
import { type AddressPolicy, checkAddress, checkPort } from "./policy";

export type * from "./dns-types";

const SERVICES: Record<Transport, { naptr: string; srv: string; defaultPort: number }> = {
  udp: { naptr: "SIP+D2U", srv: "_sip._udp", defaultPort: 5060 },
  tcp: { naptr: "SIP+D2T", srv: "_sip._tcp", defaultPort: 5060 },
  tls: { naptr: "SIPS+D2T", srv: "_sips._tcp", defaultPort: 5061 },
};
// A hostile zone can answer with hundreds of records; a handful is all a SIP check needs.
const MAX_RECORDS = 8;
const MAX_CANDIDATES = 16;
const DNS_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

type Ctx = {
  resolver: DnsResolver;
  deadline: number;
  stageMs: number;
  policy: AddressPolicy;
  records: DnsRecordReport[];
  rejected: RejectedAddress[];
  targets: SipTarget[];
  seenRejected: Set<string>;
  seenTargets: Set<string>;
  addressCache: Map<string, Promise<string[]>>;
};

async function query<T>(
  ctx: Ctx,
  type: DnsRecordReport["type"],
  name: string,
  run: () => Promise<T[]>,
  show: (t: T) => string,
): Promise<T[]> {
  const started = performance.now();
  // Reserve the slot now so the report lists queries in the order they were asked.
  const report: DnsRecordReport = { type, name, answers: [], error: null, durationMs: 0 };
  ctx.records.push(report);
  const limit = Math.min(ctx.stageMs, ctx.deadline - started);
  let answers: T[] = [];
  if (limit <= 0) report.error = "timeout";
  else {
    try {
      answers = (await withTimeout(run(), limit)).slice(0, MAX_RECORDS);
    } catch (e) {
      report.error = errorCode(e);
    }
  }
  report.answers = answers.map(show);
  report.durationMs = Math.round(performance.now() - started);
  return answers;
}

/**
 * A and AAAA answers for a name, asked once per resolution (there is no second lookup). IPv4
 * first: a server without IPv6 connectivity should not spend its budget on unreachable AAAA.
 */
function addressesOf(ctx: Ctx, name: string): Promise<string[]> {
  const cached = ctx.addressCache.get(name);
  if (cached) return cached;
  const lookup = isLoopbackName(name)
    ? Promise.resolve(LOOPBACK_NAMES)
    : Promise.all([
        query(ctx, "A", name, () => ctx.resolver.resolve4(name), String),
        query(ctx, "AAAA", name, () => ctx.resolver.resolve6(name), String),
      ]).then(([a, aaaa]) => [...a, ...aaaa]);
  ctx.addressCache.set(name, lookup);
  return lookup;
}

type Candidate = { server: string; port: number; transport: Transport; source: SipTarget["source"] };

function reject(ctx: Ctx, r: RejectedAddress): void {
  // One entry per refused address (or per refused port when nothing was looked up).
  const key = r.address !== null ? `${r.host}|${r.address}` : `${r.host}|port ${r.port}`;
  if (ctx.seenRejected.has(key)) return;
  ctx.seenRejected.add(key);
  ctx.rejected.push(r);
}

async function addTargets(ctx: Ctx, host: string, c: Candidate): Promise<void> {
  const port = checkPort(c.port);
  if (!port.ok) {
    const range = `port ${c.port}`;
    reject(ctx, {
      host: c.server,
      address: null,
      port: c.port,
      transport: c.transport,
      code: port.code,
      range,
      detail: port.detail,
    });
    return;
  }
  for (const raw of await addressesOf(ctx, c.server)) {
    const checked = checkAddress(raw, ctx.policy);
    if (!checked.ok) {
      const { code, range, detail } = checked;
      reject(ctx, {
        host: c.server,
        address: raw,
        port: c.port,
        transport: c.transport,
        code,
        range,
        detail,
      });
      continue;
    }
    const key = `${c.transport}|${checked.address}|${c.port}`;
    if (ctx.seenTargets.has(key)) continue;
    ctx.seenTargets.add(key);
    const family = checked.address.includes(":") ? 6 : 4;
    ctx.targets.push({
      host,
      server: c.server,
      address: checked.address,
      family,
      port: c.port,
      transport: c.transport,
      source: c.source,
    });
  }
}

/** RFC 3263 §4.1: NAPTR, then SRV per transport, then A/AAAA on the domain itself. */
async function candidatesFor(ctx: Ctx, name: string, transports: Transport[]): Promise<Candidate[]> {
  const naptr = await query(
    ctx,
    "NAPTR",
    name,
    () => ctx.resolver.resolveNaptr(name),
    (r) => `${r.order} ${r.preference} "${r.flags}" "${r.service}" "${r.regexp}" ${r.replacement}`,
  );
  type SrvName = { srvName: string; transport: Transport; source: "naptr" | "srv" };
  const fromNaptr: SrvName[] = naptr
    .filter((r) => r.flags.toLowerCase() === "s" && r.regexp === "")
    .sort((a, b) => a.order - b.order || a.preference - b.preference)
    .flatMap((r) => {
      const t = transports.find((x) => SERVICES[x].naptr === r.service.toUpperCase());
      const srvName = r.replacement.toLowerCase().replace(/\.$/, "");
      return t && DNS_NAME.test(srvName) ? [{ srvName, transport: t, source: "naptr" as const }] : [];
    });
  // No usable NAPTR: ask SRV for each transport we may use (§4.1, last paragraphs).
  const srvNames: SrvName[] =
    fromNaptr.length > 0
      ? fromNaptr
      : transports.map((t) => ({
          srvName: `${SERVICES[t].srv}.${name}`,
          transport: t,
          source: "srv" as const,
        }));
  const srvAnswers = await Promise.all(
    srvNames.map((s) =>
      query(
        ctx,
        "SRV",
        s.srvName,
        () => ctx.resolver.resolveSrv(s.srvName),
        (r) => `${r.priority} ${r.weight} ${r.port} ${r.name}`,
      ),
    ),
  );
  const out: Candidate[] = [];
  let anySrv = false;
  srvNames.forEach((s, i) => {
    // RFC 2782 picks by weight at random; the heaviest first is a deterministic stand-in.
    const records = [...(srvAnswers[i] ?? [])].sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    for (const r of records) {
      anySrv = true;
      const server = r.name.toLowerCase().replace(/\.$/, "");
      // RFC 2782: a target of "." means the service is decidedly not available here.
      if (server === "") continue;
      const parsed = parseHostInput(server);
      if (!parsed.ok || parsed.host.kind !== "name") {
        const detail = `SRV ${s.srvName} points at "${r.name}", which is not a valid host name`;
        reject(ctx, {
          host: r.name,
          address: null,
          port: r.port,
          transport: s.transport,
          code: "blocked_target",
          range: "invalid SRV target",
          detail,
        });
        continue;
      }
      out.push({ server: parsed.host.name, port: r.port, transport: s.transport, source: s.source });
    }
  });
  if (anySrv) return out.slice(0, MAX_CANDIDATES);
  return transports.map((t) => ({
    server: name,
    port: SERVICES[t].defaultPort,
    transport: t,
    source: "a" as const,
  }));
}

function failure(ctx: Ctx, code: ResolutionFailure, detail: string): Resolution {
  return { ok: false, code, detail, records: ctx.records, rejected: ctx.rejected };
}

function noTargets(ctx: Ctx, name: string): Resolution {
  const r = ctx.rejected;
  if (r.length > 0) {
    const code = r.every((x) => x.code === "blocked_port")
      ? "blocked_port"
      : r.some((x) => x.code === "private_address")
        ? "private_address"
        : "blocked_target";
    const first = r.find((x) => x.code === code) ?? r[0];
    const more = r.length > 1 ? ` (and ${r.length - 1} more refused)` : "";
    return failure(ctx, code, `${name} leads only to refused targets: ${first?.detail ?? ""}${more}`);
  }
  const errors = ctx.records.map((x) => x.error);
  if (errors.length > 0 && errors.every((e) => e === "timeout")) {
    return failure(ctx, "dns_failed", `DNS lookups for ${name} timed out`);
  }
  // _sip._udp.<name> not existing says nothing about <name> itself.
  if (ctx.records.some((x) => x.name === name && x.error === "nxdomain")) {
    return failure(ctx, "dns_failed", `${name} does not exist in DNS`);
  }
  return failure(ctx, "dns_failed", `${name} has no SIP (NAPTR/SRV) or address (A/AAAA) records`);
}

/** Locate the SIP server for a domain as entered; every address returned has passed the policy. */
export async function resolveSipTarget(req: ResolveRequest): Promise<Resolution> {
  const timeoutMs = req.timeoutMs ?? 5000;
  const stageMs = Math.max(1, Math.ceil(timeoutMs / 3));
  const ownResolver = req.resolver
    ? null
    : new Resolver({ timeout: Math.max(250, Math.ceil(stageMs / 2)), tries: 2 });
  const ctx: Ctx = {
    resolver: req.resolver ?? (ownResolver as Resolver),
    deadline: performance.now() + timeoutMs,
    stageMs,
    policy: req.policy,
    records: [],
    rejected: [],
    targets: [],
    seenRejected: new Set(),
    seenTargets: new Set(),
    addressCache: new Map(),
  };
  try {
    return await locate(ctx, req);
  } finally {
    ownResolver?.cancel();
  }
}

async function locate(ctx: Ctx, req: ResolveRequest): Promise<Resolution> {
  const parsed = parseHostInput(req.host);
  if (!parsed.ok) return failure(ctx, "invalid_host", parsed.message);
  if (req.port !== undefined && parsed.port !== undefined && req.port !== parsed.port) {
    return failure(ctx, "invalid_host", `Two different ports were given: ${parsed.port} and ${req.port}.`);
  }
  const port = req.port ?? parsed.port;
  if (port !== undefined) {
    const p = checkPort(port);
    if (!p.ok) return failure(ctx, p.code, p.detail);
  }
  // RFC 3263 §4.1: with no transport given, UDP is preferred; 5061 strongly suggests TLS.
  const transports: Transport[] =
    req.transport !== "auto"
      ? [req.transport]
      : port === 5061
        ? ["tls", "tcp", "udp"]
        : ["udp", "tcp", "tls"];

  if (parsed.host.kind !== "name") {
    const literal = parsed.host.address;
    const checked = checkAddress(literal, ctx.policy);
    if (!checked.ok) {
      const { code, range, detail } = checked;
      const t = transports[0] ?? "udp";
      reject(ctx, {
        host: literal,
        address: literal,
        port: port ?? SERVICES[t].defaultPort,
        transport: t,
        code,
        range,
        detail,
      });
      return failure(ctx, code, detail);
    }
    const family = checked.address.includes(":") ? 6 : 4;
    const targets = transports.map((t) => ({
      host: checked.address,
      server: checked.address,
      address: checked.address,
      family,
      port: port ?? SERVICES[t].defaultPort,
      transport: t,
      source: "literal" as const,
    })) satisfies SipTarget[];
    return { ok: true, targets, records: [], rejected: [] };
  }

  const name = parsed.host.name;
  const internal = suffixOf(name, INTERNAL_SUFFIXES);
  if (internal !== undefined) {
    const detail = `${name} is a name inside a local network (.${internal}), not reachable from the internet`;
    const t = transports[0] ?? "udp";
    reject(ctx, {
      host: name,
      address: null,
      port: port ?? SERVICES[t].defaultPort,
      transport: t,
      code: "private_address",
      range: `.${internal}`,
      detail,
    });
    return failure(ctx, "private_address", detail);
  }
  const reserved = suffixOf(name, NEVER_RESOLVES);
  if (reserved !== undefined) {
    return failure(ctx, "dns_failed", `${name} uses the reserved name .${reserved}, which never resolves`);
  }

  // An explicit port skips NAPTR and SRV (RFC 3263 §4.2); so does localhost (RFC 6761 §6.3).
  const candidates: Candidate[] =
    port !== undefined || isLoopbackName(name)
      ? transports.map((t) => ({
          server: name,
          port: port ?? SERVICES[t].defaultPort,
          transport: t,
          source: "a",
        }))
      : await candidatesFor(ctx, name, transports);
  // Ask all A/AAAA questions at once; a candidate on a refused port needs no lookup.
  await Promise.all(candidates.filter((c) => checkPort(c.port).ok).map((c) => addressesOf(ctx, c.server)));
  for (const c of candidates) await addTargets(ctx, name, c);
  if (ctx.targets.length === 0) return noTargets(ctx, name);
  return { ok: true, targets: ctx.targets, records: ctx.records, rejected: ctx.rejected };
}
