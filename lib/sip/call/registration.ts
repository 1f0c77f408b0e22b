/**
 * Keeps the account bound to our Contact for the duration of a test call (RFC 3261 10.2): one
 * REGISTER with Contact, answered once with credentials on a challenge (a second challenge means
 * they were refused: stop, never resend), refreshed before it expires, and removed at the end by
 * un-registering our Contact only (never `*`, which would log out other devices, 10.2.2).
 * The caller decides whether binding is allowed: only when the registration test listed no other
 * device on the account.
 */
import "server-only";
import { chooseChallenge, computeDigest } from "../auth/digest";
import { buildRequest } from "../message/build";
import type { SipResponse } from "../message/types";
import type { CallAgent } from "./agent";
import type { Credentials } from "./invite-client";
import { reasonText } from "./reason";

export type BindResult =
  | { ok: true; expires: number; otherContacts: number }
  | {
      ok: false;
      code: "refused" | "auth_refused" | "unsupported_auth" | "timeout" | "unreachable" | "protocol_error";
      detail: string;
      status?: number;
    };

const VIA = { udp: "UDP", tcp: "TCP", tls: "TLS" } as const;

export class Registration {
  private readonly callId: string;
  private readonly fromTag: string;
  private cseq = 0;
  private refresh: NodeJS.Timeout | null = null;
  private bound = false;

  constructor(
    private readonly agent: CallAgent,
    private readonly creds: Credentials,
    private readonly requestUri: string,
    private readonly budgetMs: number,
  ) {
    this.callId = agent.ids.callId();
    this.fromTag = agent.ids.tag();
  }

  async bind(expires: number): Promise<BindResult> {
    let authorization: { name: "Authorization" | "Proxy-Authorization"; value: string } | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await this.send(expires, authorization);
      if (!r.ok) return r;
      const res = r.response;
      if (res.statusCode >= 200 && res.statusCode < 300) {
        this.bound = true;
        const mine = this.agent.contactUri();
        const ours = res.contacts.find((c) => c.uri === mine);
        const granted = ours?.expires ?? res.expires ?? expires;
        const otherContacts = res.contacts.filter((c) => c.uri !== mine).length;
        this.schedule(Math.max(10, granted));
        return { ok: true, expires: granted, otherContacts };
      }
      if (res.statusCode === 401 || res.statusCode === 407) {
        const challenge = chooseChallenge(res.challenges);
        // RFC 3261 22.3: credentials already sent and challenged again without stale=true: refused.
        if (authorization && !challenge?.digest?.stale) {
          return {
            ok: false,
            code: "auth_refused",
            detail: `${res.statusCode} after credentials`,
            status: res.statusCode,
          };
        }
        if (!challenge?.digest)
          return { ok: false, code: "unsupported_auth", detail: "no usable digest challenge" };
        const d = computeDigest({
          challenge: challenge.digest,
          username: this.creds.authUsername,
          password: this.creds.password,
          method: "REGISTER",
          uri: this.requestUri,
          cnonce: this.agent.ids.cnonce(),
          nc: 1,
        });
        if (!d.ok) return { ok: false, code: "unsupported_auth", detail: d.detail };
        authorization = {
          name: challenge.header === "WWW-Authenticate" ? "Authorization" : "Proxy-Authorization",
          value: d.headerValue,
        };
        continue;
      }
      return {
        ok: false,
        code: "refused",
        detail: `${res.statusCode} ${res.reason}`,
        status: res.statusCode,
      };
    }
    return { ok: false, code: "auth_refused", detail: "challenged too often" };
  }

  /** Removes our binding (Expires 0 on our Contact only). */
  async unbind(): Promise<void> {
    if (this.refresh) clearTimeout(this.refresh);
    this.refresh = null;
    if (!this.bound) return;
    this.bound = false;
    await this.bind(0);
    this.bound = false;
  }

  private schedule(expires: number): void {
    if (this.refresh) clearTimeout(this.refresh);
    // Refresh at half the granted time, like phones do, so the binding never lapses mid-call.
    this.refresh = setTimeout(() => void this.bind(expires), (expires * 1000) / 2);
    this.refresh.unref();
  }

  private async send(
    expires: number,
    authorization?: { name: "Authorization" | "Proxy-Authorization"; value: string },
  ): Promise<{ ok: true; response: SipResponse } | Extract<BindResult, { ok: false }>> {
    this.cseq += 1;
    const branch = this.agent.ids.branch();
    const built = buildRequest({
      method: "REGISTER",
      requestUri: this.requestUri,
      via: {
        transport: VIA[this.agent.transport.kind],
        host: this.agent.id.contactHost,
        port: this.agent.id.contactPort,
        branch,
      },
      from: { uri: this.agent.aor, tag: this.fromTag },
      to: { uri: this.agent.aor },
      callId: this.callId,
      cseq: this.cseq,
      contact: this.agent.contact(),
      expires,
      authorization,
      userAgent: this.agent.id.userAgent,
    });
    if (!built.ok) return { ok: false, code: "protocol_error", detail: `unsafe ${built.header}` };
    const out = await this.agent.layer.request(
      { text: built.text, branch, method: "REGISTER", cseq: this.cseq },
      this.budgetMs,
    );
    if (!out.ok) return { ok: false, code: out.code, detail: reasonText(out.reason) };
    return { ok: true, response: out.response };
  }
}
