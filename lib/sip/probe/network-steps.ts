/** The first two rungs: RFC 3263 resolution, then TCP port checks (5060, 5061, the chosen port). */
import "server-only";
import { type DnsResolver, resolveSipTarget, type SipTarget } from "@/lib/net/dns";
import type { AddressPolicy } from "@/lib/net/policy";
import { type PortState, tcpPortCheck } from "@/lib/net/ports";
import type { Verdict } from "@/lib/verdicts/codes";
import type { CheckContext } from "./context";
import type { TransportChoice } from "./types";

export type Resolved = { ok: true; targets: SipTarget[] } | { ok: false; verdict: Verdict; detail: string };

const SOURCE = { literal: "IP address", naptr: "NAPTR", srv: "SRV", a: "A/AAAA" } as const;

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
  const r = await resolveSipTarget(req);
  if (!r.ok) {
    const verdict: Verdict =
      r.code === "invalid_host" || r.code === "dns_failed"
        ? "dns_failed"
        : r.code === "private_address"
          ? "private_address"
          : "blocked_target";
    ctx.step("resolve", "fail", t0, r.detail);
    return { ok: false, verdict, detail: r.detail };
  }
  if (r.rejected.length > 0) ctx.warn("private_answers_ignored");
  const shown = r.targets
    .slice(0, 4)
    .map((t) => `${t.address}:${t.port} ${t.transport.toUpperCase()} (${SOURCE[t.source]})`)
    .join(", ");
  const more = r.targets.length > 4 ? ` and ${r.targets.length - 4} more` : "";
  const ignored = r.rejected.length > 0 ? `; ignored ${r.rejected.length} private or reserved answer(s)` : "";
  ctx.step("resolve", r.rejected.length > 0 ? "warn" : "pass", t0, `${req.host} → ${shown}${more}${ignored}`);
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
  const ports = [...new Set([5060, 5061, first.port])];
  const states: PortStates = new Map();
  await Promise.all(
    ports.map(async (port) => {
      try {
        const r = await tcpPortCheck({ address: first.address, port }, opts);
        states.set(port, r.state);
      } catch {
        // Refused by the port policy: not ours to probe.
      }
    }),
  );
  const detail = ports.map((p) => `${p}/tcp ${states.get(p) ?? "not checked"}`).join(", ");
  const chosen = states.get(first.port);
  const stream = first.transport !== "udp";
  const anyOpen = [...states.values()].includes("open");
  const status = stream && chosen !== "open" ? "fail" : anyOpen ? "pass" : "warn";
  ctx.step("ports", status, t0, `${first.address}: ${detail}`);
  return states;
}
