import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KamailioHandle, startKamailio } from "@/e2e/fixtures/kamailio";

const TSX = "node_modules/.bin/tsx";

type Run = { code: number | null; stdout: string; stderr: string };

function run(args: string[], env: Record<string, string> = {}, stdin?: string, viaNpm = false): Promise<Run> {
  return new Promise((resolve) => {
    const cmd = viaNpm ? "npm" : TSX;
    const argv = viaNpm
      ? ["run", "--silent", "sip-check", "--", ...args]
      : ["--conditions=react-server", "scripts/sip-check.ts", ...args];
    const child = spawn(cmd, argv, {
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        SIP_CHECK_ALLOW_CIDRS: "127.0.0.0/8",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdin.end(stdin ?? "");
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let k: KamailioHandle;
beforeAll(async () => {
  k = await startKamailio({ accounts: [{ username: "1001", password: "s3cret" }] });
});
afterAll(() => k?.stop());

describe("sip-check CLI", () => {
  it("prints one JSON object and exits 0 when the account registers (npm script)", async () => {
    const r = await run(
      ["--domain", `127.0.0.1:${k.udpPort}`, "--username", "1001", "--transport", "udp", "--json"],
      { SIP_PASSWORD: "s3cret" },
      undefined,
      true,
    );
    expect(r.stderr).not.toMatch(/error/i);
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

  it("prints a readable ladder", async () => {
    const r = await run(["--domain", `127.0.0.1:${k.udpPort}`, "--username", "1001", "--mode", "register"], {
      SIP_PASSWORD: "s3cret",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ register_binding/);
    expect(r.stdout).toMatch(/✓ registered: The account works/);
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
