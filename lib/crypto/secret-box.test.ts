import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { KeyRingError, loadKeyRing, parseCredentialKeys } from "./keyring";
import { decryptSecret, encryptSecret, open, parseSealed, type SealedSecret, seal } from "./secret-box";
import { SecretValue } from "./secret-value";

const k = () => randomBytes(32).toString("base64");
const ring = parseCredentialKeys(`v1:${k()}`);
const connId = randomUUID();
const PLAIN = "correct horse battery staple";

describe("AES-256-GCM secret box", () => {
  it("round-trips", () => {
    const { ciphertext, keyVersion } = encryptSecret(ring, PLAIN, connId);
    expect(keyVersion).toBe(1);
    expect(ciphertext.startsWith("v1.1.")).toBe(true);
    expect(decryptSecret(ring, ciphertext, connId)).toEqual({ ok: true, plaintext: PLAIN });
  });

  it("gives 10,000 distinct ciphertexts (and IVs) for one plaintext", () => {
    const cts = new Set<string>();
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const s = seal(ring, PLAIN, connId);
      cts.add(s.ciphertext.toString("hex") + s.tag.toString("hex"));
      ivs.add(s.iv.toString("hex"));
    }
    expect(cts.size).toBe(10_000);
    expect(ivs.size).toBe(10_000);
  });

  it("fails to decrypt when any byte of IV, ciphertext or tag is flipped", () => {
    const sealed = seal(ring, PLAIN, connId);
    let tried = 0;
    for (const part of ["iv", "ciphertext", "tag"] as const) {
      for (let i = 0; i < sealed[part].length; i++) {
        for (const mask of [0x01, 0x80, 0xff]) {
          const copy: SealedSecret = {
            ...sealed,
            iv: Buffer.from(sealed.iv),
            ciphertext: Buffer.from(sealed.ciphertext),
            tag: Buffer.from(sealed.tag),
          };
          const buf = copy[part];
          buf[i] = (buf[i] ?? 0) ^ mask;
          expect(open(ring, copy, connId)).toEqual({ ok: false, code: "auth_failed" });
          tried++;
        }
      }
    }
    expect(tried).toBe((12 + PLAIN.length + 16) * 3);
  });

  it("fails when the ciphertext is copied to another connection id (AAD)", () => {
    const { ciphertext } = encryptSecret(ring, PLAIN, connId);
    expect(decryptSecret(ring, ciphertext, randomUUID())).toEqual({ ok: false, code: "auth_failed" });
  });

  it("fails when relabelled with another key version that holds the same key (AAD)", () => {
    const key = k();
    const two = parseCredentialKeys(`v2:${key},v1:${key}`);
    const { ciphertext } = encryptSecret(two, PLAIN, connId);
    expect(decryptSecret(two, ciphertext.replace(/^v1\.2\./, "v1.1."), connId).ok).toBe(false);
  });

  it("fails closed with a wrong key, an unknown version or a malformed value", () => {
    const { ciphertext } = encryptSecret(ring, PLAIN, connId);
    const other = parseCredentialKeys(`v1:${k()}`);
    expect(decryptSecret(other, ciphertext, connId)).toEqual({ ok: false, code: "auth_failed" });
    const v9 = parseCredentialKeys(`v9:${k()}`);
    expect(decryptSecret(v9, ciphertext, connId)).toEqual({ ok: false, code: "unknown_key" });
    for (const bad of ["", "v1", "v2.1.a.b.c", "v1.x.a.b.c", "v1.1.a.b", "v1.1.!!.b.c", `${ciphertext}.x`]) {
      expect(decryptSecret(ring, bad, connId)).toEqual({ ok: false, code: "malformed" });
    }
    const truncatedTag = ciphertext.slice(0, -4);
    expect(decryptSecret(ring, truncatedTag, connId).ok).toBe(false);
  });

  it("parses its own serialization", () => {
    const s = seal(ring, PLAIN, connId);
    const { ciphertext } = encryptSecret(ring, PLAIN, connId);
    const parsed = parseSealed(ciphertext);
    expect(parsed?.iv.length).toBe(12);
    expect(parsed?.tag.length).toBe(16);
    expect(s.ciphertext.length).toBe(Buffer.byteLength(PLAIN));
  });
});

describe("key ring", () => {
  it("encrypts with the highest version and decrypts with every version", () => {
    const old = parseCredentialKeys(`v1:${k()}`);
    const { ciphertext } = encryptSecret(old, PLAIN, connId);
    const oldKey = old.key(1)?.toString("base64");
    const both = parseCredentialKeys(`v1:${oldKey}, v3:${k()}`);
    expect(both.current).toBe(3);
    expect(both.versions).toEqual([3, 1]);
    expect(decryptSecret(both, ciphertext, connId)).toEqual({ ok: true, plaintext: PLAIN });
    expect(encryptSecret(both, PLAIN, connId).keyVersion).toBe(3);
  });

  it("rejects malformed, short, long and duplicate keys with messages that never echo a key", () => {
    const short = randomBytes(16).toString("base64");
    const cases = [
      "",
      "abc",
      `1:${k()}`,
      `v0:${k()}`,
      `v1:${short}`,
      `v1:${randomBytes(33).toString("base64")}`,
      `v1:${k()},v1:${k()}`,
    ];
    for (const spec of cases) {
      let err: unknown;
      try {
        parseCredentialKeys(spec);
      } catch (e) {
        err = e;
      }
      expect(err, spec).toBeInstanceOf(KeyRingError);
      expect((err as KeyRingError).message).not.toContain(short);
    }
    expect(() => parseCredentialKeys(`v1:${short}`)).toThrow(/16 bytes; AES-256 needs exactly 32/);
  });

  describe("development default", () => {
    const dir = mkdtempSync(join(tmpdir(), "pc-keyring-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("generates a 0600 key file once, warns without printing the key, and reuses it", () => {
      const warnings: string[] = [];
      const a = loadKeyRing({
        credentialKeys: undefined,
        dataDir: dir,
        nodeEnv: "development",
        warn: (m) => warnings.push(m),
      });
      const file = join(dir, "credential-key");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const b = loadKeyRing({
        credentialKeys: undefined,
        dataDir: dir,
        nodeEnv: "development",
        warn: (m) => warnings.push(m),
      });
      expect(b.key(1)?.equals(a.key(1) ?? Buffer.alloc(0))).toBe(true);
      const keyB64 = readFileSync(file, "utf8").trim().slice(3);
      expect(warnings).toHaveLength(2);
      expect(warnings.join("\n")).not.toContain(keyB64);
      expect(warnings[0]).toMatch(/CREDENTIAL_KEYS is not set/);
    });

    it("refuses to start in production without CREDENTIAL_KEYS", () => {
      expect(() => loadKeyRing({ credentialKeys: undefined, dataDir: dir, nodeEnv: "production" })).toThrow(
        /CREDENTIAL_KEYS must be set in production/,
      );
    });
  });
});

describe("SecretValue", () => {
  it("never prints its value", () => {
    const s = new SecretValue("hunter2-canary");
    const shown = [String(s), `${s}`, JSON.stringify({ s }), inspect(s), inspect({ nested: { s } })].join(
      " ",
    );
    expect(shown).not.toContain("hunter2");
    expect(s.reveal()).toBe("hunter2-canary");
  });

  it("v2: bound to a destination fingerprint; another one (or none) does not open it", () => {
    const { ciphertext } = encryptSecret(ring, PLAIN, connId, "dest-a");
    expect(ciphertext).toMatch(/^v2\./);
    expect(decryptSecret(ring, ciphertext, connId, "dest-a")).toEqual({ ok: true, plaintext: PLAIN });
    expect(decryptSecret(ring, ciphertext, connId, "dest-b")).toEqual({ ok: false, code: "auth_failed" });
    expect(decryptSecret(ring, ciphertext, connId)).toEqual({ ok: false, code: "auth_failed" });
    // Relabelled as v1, the binding cannot be dropped either.
    expect(decryptSecret(ring, ciphertext.replace(/^v2\./, "v1."), connId).ok).toBe(false);
  });
});
