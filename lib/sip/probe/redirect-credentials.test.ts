import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stubResolver } from "@/lib/net/testing/stub-resolver";
import { adviceOf, check } from "../testing/check";
import { type Harvester, harvester } from "../testing/harvester";
import { type Peer, responseTo, udpPeer } from "../testing/peer";

/** A 3xx to another host never takes the credentials there (the password belongs to its domain). */
describe("redirect to another host", () => {
  let evil: Harvester;
  let pbx: Peer;
  beforeAll(async () => {
    evil = await harvester();
    pbx = await udpPeer((req) =>
      responseTo(req, "302 Moved Temporarily", [`Contact: <sip:harvest.example:${evil.port}>`]),
    );
  });
  afterAll(async () => {
    await Promise.all([evil?.close(), pbx?.close()]);
  });

  it("is not followed: redirected_elsewhere, the other host receives nothing", async () => {
    const r = await check(
      { username: "1050", password: "harvest-me-pw", domain: `127.0.0.1:${pbx.port}` },
      { resolver: stubResolver({ "harvest.example": { A: ["127.0.0.1"] } }) },
    );
    expect(pbx.received.length).toBeGreaterThan(0);
    expect(r.verdict).toBe("redirected_elsewhere");
    expect(r.facts.redirectTarget).toBe(`harvest.example:${evil.port}`);
    expect(adviceOf(r).verdict.action).toContain("type the password again");
    expect(evil.received).toEqual([]);
  });
});
