import { describe, expect, it } from "vitest";
import { missingToolsMessage } from "./global-setup";

describe("the tool check before the vitest run", () => {
  it("names what is missing, the apt line and the commands", () => {
    const message = missingToolsMessage([
      { what: "Kamailio", found: () => false, pkg: "kamailio" },
      { what: "Kamailio's TLS module", found: () => false, pkg: "kamailio-tls-modules" },
      { what: "openssl", found: () => true, pkg: "openssl" },
    ]);
    expect(message).toContain("need Kamailio, Kamailio's TLS module, which");
    expect(message).toContain("sudo apt-get update && sudo apt-get install -y kamailio kamailio-tls-modules");
    expect(message).not.toContain("openssl");
    expect(message).toContain("npm test");
    expect(message).toContain("bash scripts/test-all.sh");
  });

  it("says nothing when every tool is there", () => {
    expect(missingToolsMessage([{ what: "sipsak", found: () => true, pkg: "sipsak" }])).toBeNull();
  });
});
