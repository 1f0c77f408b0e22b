/**
 * TCP port states shared by checks that run at the same moment against the same address: a
 * thousand customers of one PBX tested together (a monitor round, the bench) cost it three
 * connects, not three thousand (Yeastar's auto defense counts packets per port), and we keep
 * no thousand sockets alive waiting for the garbage collector. A state is reused while its
 * probe runs and for one second after; the address policy is still checked for every caller.
 */
import "server-only";
import type { AddressPolicy } from "@/lib/net/policy";
import { assertConnectAllowed } from "@/lib/net/policy";
import { type PortState, tcpPortCheck } from "@/lib/net/ports";

const REUSE_MS = 1000;
const MAX_ENTRIES = 256;

type Entry = { state: Promise<PortState>; settledAt: number | null };
const probes = new Map<string, Entry>();

function fresh(e: Entry, now: number): boolean {
  return e.settledAt === null || now - e.settledAt < REUSE_MS;
}

/** Throws AddressPolicyError, like tcpPortCheck, when `policy` refuses the address or port. */
export function portState(
  target: { address: string; port: number },
  opts: { policy: AddressPolicy; timeoutMs: number },
): Promise<PortState> {
  assertConnectAllowed(target.address, target.port, opts.policy);
  const key = `${target.address} ${target.port}`;
  const now = performance.now();
  const hit = probes.get(key);
  if (hit && fresh(hit, now)) return hit.state;
  if (probes.size >= MAX_ENTRIES) {
    for (const [k, e] of probes) if (!fresh(e, now)) probes.delete(k);
    // Still full of running probes: forget the oldest; its callers keep their promise.
    for (const k of probes.keys()) {
      if (probes.size < MAX_ENTRIES) break;
      probes.delete(k);
    }
  }
  const entry: Entry = { state: Promise.resolve("filtered"), settledAt: null };
  entry.state = tcpPortCheck(target, opts).then(
    (r) => {
      entry.settledAt = performance.now();
      return r.state;
    },
    (e: unknown) => {
      probes.delete(key);
      throw e;
    },
  );
  probes.set(key, entry);
  return entry.state;
}
