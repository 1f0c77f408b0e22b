/** The first two rungs: RFC 3263 resolution, then TCP port checks (5060, 5061, the chosen port). */
import "server-only";
import { type DnsResolver, resolveSipTarget, type SipTarget } from "@/lib/net/dns";
import type { AddressPolicy } from "@/lib/net/policy";
import type { PortState } from "@/lib/net/ports";
import type { Verdict } from "@/lib/verdicts/codes";
import type { CheckContext } from "./context";
import { portState } from "./port-probe";
import type { TransportChoice } from "./types";

export type Resolved = { ok: true; targets: SipTarget[] } | { ok: false; verdict: Verdict };

export async function resolveStep(
  ctx: CheckContext,
  req: {
    host: string;
    port?: number;
    transport: TransportChoice;
    policy: AddressPolicy;
    resolver?: DnsResolver;
    timeoutMs: number;
  },
): Promise<Resolved> {
  const t0 = performance.now();
  ctx.start("resolve", req.timeoutMs);
  const r = await resolveSipTarget(req);
  if (!r.ok) {
    const verdict: Verdict =
      r.code === "invalid_host" || r.code === "dns_failed"
        ? "dns_failed"
        : r.code === "private_address"
          ? "private_address"
          : "blocked_target";
    ctx.step("resolve", "fail", t0, {
      code: "resolve_failed",
      params: { host: req.host, failure: r.code, note: r.detail },
    });
    return { ok: false, verdict };
  }
  if (r.rejected.length > 0) ctx.warn("private_answers_ignored");
  const targets = r.targets
    .slice(0, 4)
    .map((t) => ({ address: t.address, port: t.port, transport: t.transport, source: t.source }));
  ctx.step("resolve", r.rejected.length > 0 ? "warn" : "pass", t0, {
    code: "resolved",
    params: { host: req.host, targets, more: Math.max(0, r.targets.length - 4), ignored: r.rejected.length },
  });
  return { ok: true, targets: r.targets };
}

export type PortStates = Map<number, PortState>;

/**
 * TCP connects to 5060, 5061 and the chosen port, concurrently; only informative for UDP, but
 * it tells `auto` which stream transports are worth trying.
 */
export async function portsStep(
  ctx: CheckContext,
  first: SipTarget,
  opts: { policy: AddressPolicy; timeoutMs: number },
): Promise<PortStates> {
  const t0 = performance.now();
  ctx.start("ports", opts.timeoutMs);
  const ports = [...new Set([5060, 5061, first.port])];
  const states: PortStates = new Map();
  await Promise.all(
    ports.map(async (port) => {
      try {
        states.set(port, await portState({ address: first.address, port }, opts));
      } catch {
        // Refused by the port policy: not ours to probe.
      }
    }),
  );
  const probes = ports.map((port) => ({
    port,
    transport: "tcp" as const,
    state: states.get(port) ?? ("not_checked" as const),
  }));
  const chosen = states.get(first.port);
  const stream = first.transport !== "udp";
  const anyOpen = [...states.values()].includes("open");
  const status = stream && chosen !== "open" ? "fail" : anyOpen ? "pass" : "warn";
  ctx.step("ports", status, t0, { code: "ports", params: { address: first.address, ports: probes } });
  return states;
}
