import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { STEP_NAMES } from "@/lib/verdicts/codes";
import { stepDetailText } from "@/lib/verdicts/step-texts";
import { check } from "../testing/check";
import type { StepResult } from "./types";

let k: KamailioHandle;
beforeAll(async () => {
  k = await startKamailio({ accounts: [{ username: "2001", password: "s3cret" }] });
});
afterAll(() => k?.stop());

describe("progress events and step data (real Kamailio)", () => {
  it("reports every step once, in ladder order, each started with its limit first", async () => {
    const events: string[] = [];
    const finished: StepResult[] = [];
    const r = await check(
      { username: "2001", password: "s3cret", domain: `127.0.0.1:${k.udpPort}`, mode: "register" },
      {
        timeoutMs: 1500,
        onStepStart: (name, limitMs) => events.push(`start ${name} ${limitMs}`),
        onStep: (s) => {
          events.push(`done ${s.name}`);
          finished.push(s);
        },
      },
    );
    expect(r.verdict).toBe("registered");
    expect(finished.map((s) => s.name)).toEqual([...STEP_NAMES]);
    // The port checks (limit ≤ 3 s) run beside the SIP requests, yet are reported first.
    expect(events).toContain("start ports 1500");
    expect(events).toContain("start register_auth 1500");
    for (const name of STEP_NAMES) {
      const started = events.indexOf(`start ${name} 1500`);
      expect(started, name).toBeGreaterThanOrEqual(0);
      expect(started, name).toBeLessThan(events.indexOf(`done ${name}`));
    }
  });

  it("returns step details as data that renders in English and Dutch", async () => {
    const r = await check({ username: "2001", password: "s3cret", domain: `127.0.0.1:${k.udpPort}` });
    const ports = r.steps.find((s) => s.name === "ports");
    expect(ports?.detail).toEqual({
      code: "ports",
      params: {
        address: "127.0.0.1",
        ports: expect.arrayContaining([{ port: k.udpPort, transport: "tcp", state: "open" }]),
      },
    });
    const auth = r.steps.find((s) => s.name === "register_auth");
    expect(auth?.detail).toMatchObject({
      code: "credentials_accepted",
      params: { status: 200, bindings: [] },
    });
    if (!auth) throw new Error("no register_auth step");
    expect(stepDetailText(auth.detail, "en")).toBe("200 OK: credentials accepted; no existing registrations");
    expect(stepDetailText(auth.detail, "nl")).toBe(
      "200 OK: inloggegevens geaccepteerd; geen bestaande aanmeldingen",
    );
    // Nothing in the result is a rendered sentence: no advice, only codes, params and facts.
    expect(r).not.toHaveProperty("advice");
    for (const s of r.steps) expect(typeof s.detail).toBe("object");
  });
});
