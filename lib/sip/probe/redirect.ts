/** Following a 3xx to REGISTER once (RFC 3261 8.1.3.4): the first Contact, checked like any target. */
import "server-only";
import { type AddressPolicy, type DnsResolver, resolveSipTarget, type SipTarget } from "@/lib/net";
import type { Verdict } from "@/lib/verdicts/codes";
import type { StepDetail } from "@/lib/verdicts/step-details";
import { hostForUri, sipUri } from "../message/build";
import type { SipResponse } from "../message/types";
import type { CheckContext } from "./context";
import type { TransportChoice } from "./types";

type Redirect = { host: string; port?: number; transport?: "udp" | "tcp" | "tls" };

/** Where a 3xx points (its first Contact), as host, port and transport. */
export function redirectTarget(r: SipResponse): Redirect | null {
  const uri = r.contacts[0]?.uri;
  if (!uri) return null;
  const m = /^(sips?):(?:[^@;>]*@)?(\[[0-9a-fA-F:.]+\]|[^:;>?]+)(?::(\d{1,5}))?([^>?]*)/.exec(uri);
  if (!m?.[2]) return null;
  const param = /;transport=(udp|tcp|tls)\b/i.exec(m[4] ?? "")?.[1]?.toLowerCase();
  const transport =
    m[1] === "sips" ? "tls" : param === "udp" || param === "tcp" || param === "tls" ? param : undefined;
  return {
    host: m[2].replace(/^\[|\]$/g, ""),
    ...(m[3] ? { port: Number(m[3]) } : {}),
    ...(transport ? { transport } : {}),
  };
}

export type FollowResult =
  | { ok: true; targets: SipTarget[]; requestUri: string }
  | { ok: false; verdict: Verdict; detail: StepDetail };

export async function followRedirect(
  ctx: CheckContext,
  r: SipResponse,
  transport: TransportChoice,
  o: {
    policy: AddressPolicy;
    resolver?: DnsResolver;
    budgetMs: number;
    /** The hosts the password was saved for (domain, proxy): credentials go nowhere else. */
    allowedHosts: string[];
  },
): Promise<FollowResult> {
  ctx.warn("redirected");
  ctx.decide(r);
  const to = redirectTarget(r);
  if (!to)
    return {
      ok: false,
      verdict: "server_error",
      detail: {
        code: "redirect_failed",
        params: { status: r.statusCode, reason: r.reason, to: null, note: "" },
      },
    };
  const shown = to.port ? `${hostForUri(to.host)}:${to.port}` : to.host;
  ctx.facts.redirectTarget = shown;
  if (!o.allowedHosts.some((h) => h.toLowerCase() === to.host.toLowerCase()))
    return {
      ok: false,
      verdict: "redirected_elsewhere",
      detail: {
        code: "redirect_failed",
        params: {
          status: r.statusCode,
          reason: r.reason,
          to: shown,
          note: "not followed: a saved password is only sent to the server it was saved for",
        },
      },
    };
  const res = await resolveSipTarget({
    host: hostForUri(to.host),
    port: to.port,
    transport: to.transport ?? transport,
    policy: o.policy,
    resolver: o.resolver,
    timeoutMs: o.budgetMs,
  });
  if (!res.ok) {
    const verdict: Verdict =
      res.code === "private_address"
        ? "private_address"
        : res.code === "blocked_target" || res.code === "blocked_port"
          ? "blocked_target"
          : "dns_failed";
    return {
      ok: false,
      verdict,
      detail: {
        code: "redirect_failed",
        params: { status: r.statusCode, reason: r.reason, to: shown, note: res.detail },
      },
    };
  }
  return { ok: true, targets: res.targets, requestUri: sipUri(null, { host: to.host, port: to.port }) };
}
