import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AddressPolicyError } from "@/lib/net/policy";
import { LOOPBACK_POLICY } from "../testing/check";
import { portState } from "./port-probe";

let server: net.Server;
let port = 0;
let connections = 0;
beforeAll(async () => {
  server = net.createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  if (a === null || typeof a === "string") throw new Error("no port");
  port = a.port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("shared port probes", () => {
  it("fifty checks of one address at once cost the PBX one TCP connect", async () => {
    const opts = { policy: LOOPBACK_POLICY, timeoutMs: 1000 };
    const states = await Promise.all(
      Array.from({ length: 50 }, () => portState({ address: "127.0.0.1", port }, opts)),
    );
    expect(new Set(states)).toEqual(new Set(["open"]));
    await expect.poll(() => connections).toBe(1);
  });

  it("still applies each caller's address policy", () => {
    expect(() =>
      portState({ address: "127.0.0.1", port }, { policy: { allowCidrs: [] }, timeoutMs: 1000 }),
    ).toThrow(AddressPolicyError);
  });
});
