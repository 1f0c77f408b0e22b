import { describe, expect, it } from "vitest";
import { fillFromSipAddress, fillFromTyped, normaliseDomainAndPort, splitDomainPort } from "./normalise";

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

describe("typed addresses are handled like pasted ones", () => {
  it("a SIP address typed into SIP Domain fills every field it names", () => {
    expect(fillFromTyped("sipDomain", "sip:1050@pbx.example.com:5062;transport=tcp")).toEqual({
      sipUsername: "1050",
      sipDomain: "pbx.example.com",
      port: "5062",
      transport: "tcp",
    });
    expect(fillFromTyped("sipDomain", " 1050@pbx.example.com ")).toEqual({
      sipUsername: "1050",
      sipDomain: "pbx.example.com",
    });
  });

  it("sip:host loses its scheme; sips: means TLS; host:port moves the port", () => {
    expect(fillFromTyped("sipDomain", "sip:pbx.example.com")).toEqual({ sipDomain: "pbx.example.com" });
    expect(fillFromTyped("sipDomain", "sips:pbx.example.com:5061")).toEqual({
      sipDomain: "pbx.example.com",
      port: "5061",
      transport: "tls",
    });
    expect(fillFromTyped("sipDomain", "pbx.example.com:5080")).toEqual({
      sipDomain: "pbx.example.com",
      port: "5080",
    });
  });

  it("leaves plain values, web addresses and e-mail-like usernames alone", () => {
    expect(fillFromTyped("sipDomain", "pbx.example.com")).toBeNull();
    expect(fillFromTyped("sipDomain", "http://pbx.example.com/")).toBeNull();
    expect(fillFromTyped("sipUsername", "1050")).toBeNull();
    expect(fillFromTyped("sipUsername", "jane.doe@company.com")).toBeNull();
    expect(fillFromTyped("sipUsername", "1050@pbx.example.com")).toEqual({
      sipUsername: "1050",
      sipDomain: "pbx.example.com",
    });
    expect(fillFromTyped("sipUsername", "sip:reception@pbx.example.com")).toEqual({
      sipUsername: "reception",
      sipDomain: "pbx.example.com",
    });
  });
});
