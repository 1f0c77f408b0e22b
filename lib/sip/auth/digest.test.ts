import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chooseChallenge, computeDigest, type DigestChallenge, redactCredentials } from "./digest";

// RFC 7616 3.9.1: the same request under MD5 and SHA-256.
const rfc7616: DigestChallenge = {
  realm: "http-auth@example.org",
  nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
  opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
  algorithm: "MD5",
  qop: ["auth", "auth-int"],
  stale: false,
};
const base = {
  username: "Mufasa",
  password: "Circle of Life",
  method: "GET",
  uri: "/dir/index.html",
  cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
  nc: 1,
};

describe("computeDigest", () => {
  it("matches RFC 7616 3.9.1 with MD5", () => {
    const r = computeDigest({ ...base, challenge: rfc7616 });
    expect(r.ok && r.response).toBe("8ca523f5e9506fed4657c9700eebdbec");
    if (!r.ok) return;
    expect(r.headerValue).toContain(
      'qop=auth, nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"',
    );
    expect(r.headerValue).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
  });

  it("matches RFC 7616 3.9.1 with SHA-256", () => {
    const r = computeDigest({ ...base, challenge: { ...rfc7616, algorithm: "SHA-256" } });
    expect(r.ok && r.response).toBe("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  });

  // RFC 7616 3.9.2's figures were computed with SHA-512 truncated to 256 bits (erratum 4897); the
  // normative algorithm is FIPS 180-4 SHA-512/256. We use the latter and pin it to the FIPS "abc"
  // vector, with the 3.9.2 inputs (uri /doe.json, UTF-8 username).
  it("uses FIPS SHA-512/256 for SHA-512-256", () => {
    expect(createHash("sha512-256").update("abc").digest("hex")).toBe(
      "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
    );
    const r = computeDigest({
      challenge: {
        realm: "api@example.org",
        nonce: "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
        opaque: "HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS",
        algorithm: "SHA-512-256",
        qop: ["auth"],
        stale: false,
      },
      username: "J\u00e4s\u00f8n Doe",
      password: "Secret, or not?",
      method: "GET",
      uri: "/doe.json",
      cnonce: "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
      nc: 1,
    });
    expect(r.ok && r.response).toBe("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5");
  });

  it("matches RFC 2617 3.5 (MD5, qop auth)", () => {
    const r = computeDigest({
      challenge: {
        realm: "testrealm@host.com",
        nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
        opaque: "5ccc069c403ebaf9f0171e9517f40e41",
        algorithm: null,
        qop: ["auth", "auth-int"],
        stale: false,
      },
      username: "Mufasa",
      password: "Circle Of Life",
      method: "GET",
      uri: "/dir/index.html",
      cnonce: "0a4f113b",
      nc: 1,
    });
    expect(r.ok && r.response).toBe("6629fae49393a05397450978507c4ef1");
  });

  it("computes MD5-sess and the no-qop form", () => {
    const sess = computeDigest({ ...base, challenge: { ...rfc7616, algorithm: "MD5-sess" } });
    const plain = computeDigest({ ...base, challenge: { ...rfc7616, qop: [] } });
    expect(sess.ok && sess.response).toMatch(/^[0-9a-f]{32}$/);
    expect(sess.ok && sess.response).not.toBe("8ca523f5e9506fed4657c9700eebdbec");
    expect(plain.ok && plain.headerValue).not.toContain("qop=");
  });

  it("refuses unknown algorithms with unsupported_auth", () => {
    expect(computeDigest({ ...base, challenge: { ...rfc7616, algorithm: "AKAv1-MD5" } })).toMatchObject({
      ok: false,
      code: "unsupported_auth",
      algorithm: "AKAv1-MD5",
    });
  });

  it("picks the first supported challenge in the server's order", () => {
    const mk = (algorithm: string | null) => ({ digest: { ...rfc7616, algorithm } });
    expect(chooseChallenge([mk("AKAv1-MD5"), mk("SHA-256"), mk("MD5")])?.digest?.algorithm).toBe("SHA-256");
    expect(chooseChallenge([{ digest: null }, mk("AKAv1-MD5")])).toBeNull();
  });

  it("redacts the response in traces", () => {
    const text =
      'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest username="a", response="0123abcd", nc=00000001\r\nproxy-authorization: Digest response=abc\r\n';
    const out = redactCredentials(text);
    expect(out).not.toContain("0123abcd");
    expect(out).not.toMatch(/response=abc/);
    expect(out).toContain('username="a"');
  });

  it("is not diverted by response= inside a quoted realm or username", () => {
    const text =
      'Authorization: Digest username="u response=x", realm="r, response=y", nonce="n", response="0123abcd"\r\n';
    const out = redactCredentials(text);
    expect(out).not.toContain("0123abcd");
    expect(out).toContain('realm="r, response=y"');
  });
});
