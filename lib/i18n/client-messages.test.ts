import { describe, expect, it } from "vitest";
import { pickMessages } from "./client-messages";

describe("pickMessages", () => {
  const all = {
    common: { product: "P" },
    guide: { title: "G", handoff: { form: { title: "F" } } },
    wizard: { a: "A" },
  };

  it("keeps whole namespaces and sub-trees, nothing else", () => {
    expect(pickMessages(all, ["common", "guide.handoff", "missing", "wizard.nope"])).toEqual({
      common: { product: "P" },
      guide: { handoff: { form: { title: "F" } } },
    });
  });
});
