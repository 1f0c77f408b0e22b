import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AI, type CallPbx, HUNT_GROUP, startCallPbx } from "@/e2e/fixtures/call-pbx";
import { buildCli, runCli } from "@/test/run-cli";

const ENV = {
  SIP_BIND_ADDRESS: "127.0.0.1",
  RTP_PORT_RANGE: "30000-39999",
  SIP_PASSWORD: AI.password,
};

/** The built CLI, as providers run it. */
const run = (args: string[], onOutput?: (stdout: string) => void) => runCli(args, { env: ENV, onOutput });

beforeAll(() => buildCli());

let pbx: CallPbx | null = null;
afterEach(async () => {
  await pbx?.stop();
  pbx = null;
});

const account = (port: number) => [
  "--domain",
  `127.0.0.1:${port}`,
  "--username",
  AI.username,
  "--transport",
  "udp",
];

describe("sip-check --call", () => {
  it("inbound: live status lines, the call's summary, exit 0", async () => {
    pbx = await startCallPbx();
    const p = pbx;
    let caller: Promise<{ code: number | null }> | null = null;
    const r = await run([...account(p.k.udpPort), "--call", "inbound", "--wait-s", "30"], (out) => {
      if (!caller && out.includes("waiting for a call"))
        caller = p.caller("caller-audio.xml", HUNT_GROUP).then((s) => s.done);
    });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.stdout).toMatch(new RegExp(`waiting for a call to ${AI.username} at 127\\.0\\.0\\.1:\\d+ …`));
    expect(r.stdout).toMatch(/ringing +call from Customer <sip:caller@127\.0\.0\.1>/);
    expect(r.stdout).toMatch(/answered +answered in \d+ ms with PCMA at 30 ms/);
    expect(r.stdout).toMatch(/hearing_you +key 1 \(RFC 4733\)/);
    expect(r.stdout).toContain("✓ call_ok: The test call worked");
    expect(r.stdout).toContain("keys: 1 (rfc4733)");
    expect(r.code).toBe(0);
    expect((await (caller as Promise<{ code: number | null }> | null))?.code).toBe(0);
  });

  it("outbound --json: the registration result plus `call` in exactly the documented shape", async () => {
    pbx = await startCallPbx({ desk: false });
    await pbx.phone("600", { rtpEcho: true });
    const r = await run([...account(pbx.k.udpPort), "--call", "outbound", "--dial", "600", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { verdict: string; call: Record<string, unknown> };
    expect(out.verdict).toBe("registered");
    expect(Object.keys(out.call).sort()).toEqual(
      [
        "answered",
        "codec",
        "direction",
        "dtmf",
        "from",
        "outcome",
        "ptimeMs",
        "rtp",
        "setupMs",
        "to",
        "transfer",
      ].sort(),
    );
    expect(Object.keys(out.call.rtp as object).sort()).toEqual(
      ["jitterMs", "lossPct", "received", "sdpAddress", "sent", "sourceAddress"].sort(),
    );
    expect(out.call).toMatchObject({
      direction: "outbound",
      outcome: "call_ok",
      answered: true,
      codec: "PCMU",
      transfer: null,
    });
  });

  it("exit 1 when the call outcome is not ok (a number that is not routed)", async () => {
    pbx = await startCallPbx({ desk: false });
    const r = await run([...account(pbx.k.udpPort), "--call", "outbound", "--dial", "4040", "--json"]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { call: { outcome: string } }).call.outcome).toBe("outbound_refused");
  });

  it.each([
    [["--call", "sideways"], "--call must be inbound or outbound"],
    [["--call", "outbound"], "--call outbound needs --dial"],
    [["--call", "inbound", "--dial", "1"], "--dial is for --call outbound"],
    [["--call", "inbound", "--wait-s", "9999"], "--wait-s must be 5 to 600 seconds"],
    [["--transfer-to", "2001"], "--transfer-to needs --call"],
    [["--call", "inbound", "--transfer-to", "20\r\n01"], "--transfer-to must be an extension"],
  ])("usage error for %j", async (extra, message) => {
    const r = await run(["--domain", "127.0.0.1:5999", "--username", "x", ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
