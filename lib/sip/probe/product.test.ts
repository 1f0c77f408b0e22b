import { describe, expect, it } from "vitest";
import { pbxFamilyOf } from "./product";

describe("pbxFamilyOf", () => {
  it.each([
    ["FPBX-16.0.33(18.20.0)", "freepbx"],
    ["Asterisk PBX 22.1.0", "asterisk"],
    ["3CXPhoneSystem 18.0.9.20", "3cx"],
    ["Yeastar P-Series Cloud Edition", "yeastar"],
    ["Grandstream UCM6302V1.3A 1.0.23.15", "grandstream"],
    ["kamailio (5.6.3 (x86_64/linux))", "kamailio"],
    ["OpenSIPS (3.4.2 (x86_64/linux))", "opensips"],
    ["FreeSWITCH-mod_sofia/1.10.11-release", "freeswitch"],
    ["Acme SBC", null],
    [null, null],
  ] as const)("%s → %s", (header, family) => {
    expect(pbxFamilyOf(header)).toBe(family);
  });
});
