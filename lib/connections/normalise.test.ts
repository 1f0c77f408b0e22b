import { describe, expect, it } from "vitest";
import { fillFromSipAddress, normaliseDomainAndPort, splitDomainPort } from "./normalise";

describe("paste helpers", () => {
  it("fills username, domain, port and transport from a pasted SIP address or name-addr", () => {
    expect(fillFromSipAddress(" sip:1050@pbx.example.com:5080 ")).toEqual({
      sipUsername: "1050",
      sipDomain: "pbx.example.com",
      port: "5080",
    });
    expect(fillFromSipAddress('"Reception" <sip:1050@pbx.example.com:5062;transport=tcp>')).toEqual({
      sipUsername: "1050",
      sipDomain: "pbx.example.com",
      port: "5062",
      transport: "tcp",
    });
    expect(fillFromSipAddress("<sip:1050@pbx.example.com>")).toEqual({
      sipUsername: "1050",
      sipDomain: "pbx.example.com",
    });
    expect(fillFromSipAddress("pbx.example.com")).toBeNull();
  });

  it("moves a port typed into SIP Domain into Port, on the form and on the server", () => {
    expect(splitDomainPort("pbx.example.com:5080")).toEqual({ sipDomain: "pbx.example.com", port: "5080" });
    expect(splitDomainPort("pbx.example.com")).toBeNull();
    expect(normaliseDomainAndPort({ sipDomain: "pbx.example.com:5080" })).toEqual({
      sipDomain: "pbx.example.com",
      port: 5080,
    });
  });
});
