import { describe, expect, it } from "vitest";
import { vanishedContacts } from "./binding";

describe("vanishedContacts", () => {
  it("names the bindings listed before ours that the 200 OK to ours no longer lists", () => {
    const phone = { uri: "sip:1001@192.0.2.55:5060", expires: 240 };
    const softphone = { uri: "sip:1001@198.51.100.7:5062;transport=tcp", expires: 3600 };
    const ours = { uri: "sip:1001@203.0.113.9:40000", expires: 60 };
    // FreePBX's max_contacts=1 with remove_existing: only our binding is left.
    expect(vanishedContacts([phone, softphone], [ours])).toEqual([phone, softphone]);
    expect(vanishedContacts([phone], [{ uri: "<SIP:1001@192.0.2.55:5060>", expires: 200 }, ours])).toEqual(
      [],
    );
    expect(vanishedContacts([], [ours])).toEqual([]);
  });
});
