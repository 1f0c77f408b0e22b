import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadPhrase, promptAssets } from "./prompt";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..", "..");
const elsewhere = mkdtempSync(join(tmpdir(), "prompt-cwd-"));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe("the call prompt's assets are found from the module, not the cwd", () => {
  it("in this process", () => {
    expect(promptAssets()).toBe(join(ROOT, "lib", "sip", "call", "assets"));
    const en = loadPhrase("en");
    expect(en.ok && en.pcm.length).toBeGreaterThan(8000);
  });

  it("under tsx (as `npm run worker` runs) started in another directory", async () => {
    const script = `import(${JSON.stringify(join(ROOT, "lib/sip/call/prompt.ts"))}).then((m) => {
      const r = m.loadPhrase("nl");
      console.log(JSON.stringify({ cwd: process.cwd(), ok: r.ok, samples: r.ok ? r.pcm.length : 0 }));
    });`;
    const { stdout } = await run(
      join(ROOT, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "--eval", script],
      { cwd: elsewhere },
    );
    const out = JSON.parse(stdout.trim()) as { cwd: string; ok: boolean; samples: number };
    expect(out.cwd).not.toBe(ROOT);
    expect(out).toMatchObject({ ok: true });
    expect(out.samples).toBeGreaterThan(8000);
  });

  it("in the CLI's CommonJS bundle in dist/, started in another directory", async () => {
    const entry = join(elsewhere, "entry.ts");
    writeFileSync(
      entry,
      `import { loadPhrase } from ${JSON.stringify(join(ROOT, "lib/sip/call/prompt.ts"))};
const r = loadPhrase("en");
console.log(JSON.stringify({ ok: r.ok, samples: r.ok ? r.pcm.length : 0 }));`,
    );
    const outfile = join(ROOT, "dist", `prompt-check-${process.pid}.cjs`);
    const { bundleForNode } = (await import(join(ROOT, "scripts", "build-cli.mjs"))) as {
      bundleForNode: (entry: string, outfile: string) => Promise<string[]>;
    };
    try {
      await bundleForNode(entry, outfile);
      const { stdout } = await run(process.execPath, [outfile], { cwd: elsewhere });
      const out = JSON.parse(stdout.trim()) as { ok: boolean; samples: number };
      expect(out.ok).toBe(true);
      expect(out.samples).toBeGreaterThan(8000);
    } finally {
      rmSync(outfile, { force: true });
    }
  });
});
