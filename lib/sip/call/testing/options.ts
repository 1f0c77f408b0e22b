/** Call options for tests against the loopback PBX (e2e/fixtures/call-pbx.ts). */
import type { CallSetup } from "../types";

export const LOOPBACK_POLICY = { allowCidrs: ["127.0.0.0/8"] };

export function loopbackCall(udpPort: number, user: { username: string; password: string }): CallSetup {
  return {
    target: { address: "127.0.0.1", port: udpPort, transport: "udp", hostname: "127.0.0.1" },
    username: user.username,
    password: user.password,
    domainHost: "127.0.0.1",
    policy: LOOPBACK_POLICY,
    publicAddress: null,
    media: { bindAddress: "127.0.0.1", portRange: { min: 20000, max: 29999 } },
    bindingsBefore: 0,
    timers: { t1: 100, t2: 400 },
  };
}
