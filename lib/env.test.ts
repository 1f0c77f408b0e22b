import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "./env";

const saved = process.env.TRUSTED_PROXIES;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = saved;
  resetEnvCache();
});

describe("TRUSTED_PROXIES in the environment schema", () => {
  it("is a list of addresses and CIDRs", () => {
    process.env.TRUSTED_PROXIES = "127.0.0.1/32, 2001:db8::/32,10.0.0.7";
    resetEnvCache();
    expect(env().TRUSTED_PROXIES).toEqual(["127.0.0.1/32", "2001:db8::/32", "10.0.0.7"]);
  });

  it("unset or empty: no proxy is trusted", () => {
    process.env.TRUSTED_PROXIES = " ";
    resetEnvCache();
    expect(env().TRUSTED_PROXIES).toBeUndefined();
  });

  it("a bad entry stops start-up with a message naming the variable and the entry", () => {
    for (const bad of ["10.1", "10.0.0.0/33", "proxy.example", "1.2.3.4/x"]) {
      process.env.TRUSTED_PROXIES = `127.0.0.1/32,${bad}`;
      resetEnvCache();
      expect(() => env()).toThrow(new RegExp(`TRUSTED_PROXIES: "${bad.replace(/\./g, "\\.")}" is not an IP`));
    }
  });
});
