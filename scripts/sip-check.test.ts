/**
 * The built CLI as providers run it: `node dist/sip-check.cjs` (plain node, no tsx) and
 * `npm run sip-check`, against a real Kamailio on loopback.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";
import { closedPort, responseTo, udpPeer } from "@/lib/sip/testing/peer";
import { STEP_NAMES } from "@/lib/verdicts/codes";
import { buildCli, runCli } from "@/test/run-cli";

const PASSWORD = "s3cret-Pw";

const run = (args: string[], env: Record<string, string> = {}, stdin?: string, viaNpm = false) =>
  runCli(args, { env, stdin, viaNpm });

/** The step names of the printed ladder, top to bottom. */
function printedSteps(stdout: string): string[] {
  return [...stdout.matchAll(/^ {2}[✓✗!–] (\w+)/gm)].map((m) => m[1] ?? "");
}

let k: KamailioHandle;
beforeAll(async () => {
  // The CLI under test is the bundle, built the way `npm install` builds it.
  await buildCli();
  k = await startKamailio({ tls: true, accounts: [{ username: "1001", password: PASSWORD }] });
});
afterAll(() => k?.stop());

describe("sip-check CLI (built, plain node)", () => {
  it("gives the closed-port verdict with every step in ladder order, exit 1", async () => {
    const port = await closedPort();
    const r = await run(["--domain", `127.0.0.1:${port}`, "--username", "1001", "--transport", "udp"], {
      SIP_PASSWORD: PASSWORD,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ unreachable: /);
    expect(r.stdout).toContain(`UDP port ${port} refused`);
    expect(printedSteps(r.stdout)).toEqual([...STEP_NAMES]);
    // The first run after a build leaves V8's code cache for the next (scripts/cli-loader.cjs).
    expect(existsSync("dist/sip-check-main.cjs.v8cache")).toBe(true);
  });

  it("reaches TLS through the bundle's lazily loaded TLS module: the self-signed PBX certificate", async () => {
    const r = await run(
      ["--domain", `127.0.0.1:${k.tlsPort}`, "--username", "1001", "--transport", "tls", "--json"],
      { SIP_PASSWORD: PASSWORD },
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { verdict: string; warnings: string[] };
    expect(out.verdict).toBe("tls_failed");
    expect(out.warnings).toContain("self_signed_cert");
  });

  it("prints one JSON object and exits 0 when the account registers (npm script, no rebuild)", async () => {
    const r = await run(
      ["--domain", `127.0.0.1:${k.udpPort}`, "--username", "1001", "--transport", "udp", "--json"],
      { SIP_PASSWORD: PASSWORD },
      undefined,
      true,
    );
    expect(r.stderr).not.toMatch(/error|building/i);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      ok: true,
      verdict: "registered",
      warnings: [],
      sip: { statusCode: 200, reason: "OK" },
      target: { host: "127.0.0.1", address: "127.0.0.1", port: k.udpPort, transport: "udp" },
      advice: { verdict: { code: "registered" } },
    });
    expect(out.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "register_auth",
          status: "pass",
          durationMs: expect.any(Number),
          detail: expect.any(String),
        }),
      ]),
    );
    expect(out).not.toHaveProperty("trace");
  });

  it("exits 1 with the verdict for a wrong password read from stdin, advice in Dutch", async () => {
    const r = await run(
      [
        "--domain",
        `127.0.0.1:${k.udpPort}`,
        "--username",
        "1001",
        "--password-stdin",
        "--json",
        "--trace",
        "--lang",
        "nl",
      ],
      {},
      "wrong-password\n",
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      verdict: string;
      advice: { verdict: { title: string } };
      trace: unknown[];
    };
    expect(out.verdict).toBe("wrong_credentials");
    expect(out.advice.verdict.title).toBe("Inloggegevens niet geaccepteerd");
    expect(out.trace.length).toBeGreaterThan(0);
    expect(r.stdout).not.toContain("wrong-password");
  });

  it("prints a readable ladder in ladder order for a registration, exit 0", async () => {
    const r = await run(["--domain", `127.0.0.1:${k.udpPort}`, "--username", "1001", "--mode", "register"], {
      SIP_PASSWORD: PASSWORD,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ register_binding/);
    expect(r.stdout).toMatch(/✓ registered: The account works/);
    expect(printedSteps(r.stdout)).toEqual([...STEP_NAMES]);
    expect(r.stdout).not.toContain("SIP trace");
  });

  it("--trace in text mode prints the redacted REGISTERs, never the password", async () => {
    const t = await run(
      ["--domain", `127.0.0.1:${k.udpPort}`, "--username", "1001", "--transport", "udp", "--trace"],
      { SIP_PASSWORD: PASSWORD },
    );
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/✓ registered: /);
    const trace = t.stdout.slice(t.stdout.indexOf("\nSIP trace ("));
    expect(trace).toMatch(/^--- sent at \+\d+ ms, UDP 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+$/m);
    expect(trace).toMatch(/^REGISTER sip:127\.0\.0\.1:\d+ SIP\/2\.0$/m);
    expect(trace).toMatch(/^SIP\/2\.0 401 Unauthorized$/m);
    expect(trace).toMatch(/^Authorization: Digest .*username="1001".*response="\[redacted\]"/m);
    expect(trace).toMatch(/^SIP\/2\.0 200 OK$/m);
    expect(`${t.stdout}${t.stderr}`).not.toContain(PASSWORD);
  });

  it("bin/sip-check.cjs rebuilds the bundle when a source changed since the build", async () => {
    const manifestFile = "dist/sip-check.inputs.json";
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as {
      builtAt: number;
      inputs: Array<{ path: string; size: number }>;
    };
    const changed = manifest.inputs.find((i) => i.path === "scripts/sip-check.ts");
    if (!changed) throw new Error("the manifest does not list scripts/sip-check.ts");
    // As if the file had another size when the bundle was built: the build is out of date.
    changed.size += 1;
    writeFileSync(manifestFile, JSON.stringify(manifest));

    const r = await run(["--help"], {}, undefined, true);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("sip-check: building dist/sip-check.cjs (sources changed)");
    expect(r.stdout).toContain("Usage: sip-check");
    const rebuilt = JSON.parse(readFileSync(manifestFile, "utf8")) as typeof manifest;
    expect(rebuilt.builtAt).toBeGreaterThan(manifest.builtAt);

    const again = await run(["--help"], {}, undefined, true);
    expect(again.stderr).not.toContain("building");
  });

  it("never prints the password, even when the PBX echoes it (scripted peer: no real PBX does)", async () => {
    const peer = await udpPeer((req) => {
      if (req.startsWith("OPTIONS")) return responseTo(req, "200 OK");
      if (!/^Authorization:/im.test(req))
        return responseTo(req, "401 Unauthorized", [
          `WWW-Authenticate: Digest realm="${PASSWORD}", nonce="n1", algorithm=MD5, qop="auth"`,
        ]);
      return responseTo(req, `403 Forbidden for ${PASSWORD}`);
    });
    try {
      for (const json of [false, true]) {
        const args = ["--domain", `127.0.0.1:${peer.port}`, "--username", "1001", "--transport", "udp"];
        const r = await run([...args, "--trace", ...(json ? ["--json"] : [])], { SIP_PASSWORD: PASSWORD });
        expect(r.code).toBe(1);
        // The engine's boundary scrubber (lib/sip/scrub.ts) masks it before the CLI sees it.
        expect(r.stdout).toMatch(/\[password\]|\[redacted\]/);
        expect(`${r.stdout}${r.stderr}`).not.toContain(PASSWORD);
      }
    } finally {
      await peer.close();
    }
  });

  it.each([
    [["--username", "1001"], "--domain is required"],
    [["--domain", "127.0.0.1", "--username", "1001", "--password", "x"], "never pass the password"],
    [["--domain", "127.0.0.1", "--username", "1001", "--transport", "sctp"], "--transport must be one of"],
    [["--domain", "127.0.0.1", "--username", "1001", "--bogus"], "Unknown option"],
  ])("exits 2 on a usage error (%j)", async (args, message) => {
    const r = await run(args, { SIP_PASSWORD: "x" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("exits 2 without any password source", async () => {
    const r = await run(["--domain", "127.0.0.1", "--username", "1001"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("SIP_PASSWORD");
  });
});
