import { describe, expect, it } from "vitest";
import en from "@/messages/en/validation.json";
import nl from "@/messages/nl/validation.json";
import {
  portSchema,
  sipAccountCreateSchema,
  sipAccountUpdateSchema,
  splitHostPort,
  splitSipAddress,
} from "./sip-account";

/** The shared form schema: what the browser and the server both accept (header safety: RFC 3261 §7.3.1). */

const VALID = {
  label: "Front desk",
  sipUsername: "1050",
  sipPassword: "s3cret",
  sipDomain: "pbx.example.com",
  transport: "udp",
};

type Values = Record<string, unknown>;

/** The messages of the issues on one field, in order (the form shows the first). */
type Schema = typeof sipAccountCreateSchema | typeof sipAccountUpdateSchema;

function errorsOf(schema: Schema, v: Values) {
  const r = schema.safeParse(v);
  if (r.success) return {} as Record<string, string[]>;
  const out: Record<string, string[]> = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? "");
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

const firstError = (v: Values, field: string, schema: Schema = sipAccountCreateSchema) =>
  errorsOf(schema, v)[field]?.[0];

describe("splitSipAddress", () => {
  it.each([
    ["sip:1050@pbx.example.com", { username: "1050", domain: "pbx.example.com" }],
    ["sips:1050@pbx.example.com:5061", { username: "1050", domain: "pbx.example.com", port: 5061 }],
    ["1050@pbx.example.com:5080", { username: "1050", domain: "pbx.example.com", port: 5080 }],
    [
      "  SIP:alice@203.0.113.10;transport=tcp  ",
      { username: "alice", domain: "203.0.113.10", transport: "tcp" },
    ],
    ["sip:1050@pbx.example.com>", { username: "1050", domain: "pbx.example.com" }],
    ["sip:1050@pbx.example.com?subject=x", { username: "1050", domain: "pbx.example.com" }],
  ])("%j → %j", (text, expected) => {
    expect(splitSipAddress(text)).toEqual(expected);
  });

  // RFC 3261 20.10 name-addr, as copied from a PBX's extension page or an e-mail signature.
  it.each([
    ["<sip:1050@pbx.example.com>", { username: "1050", domain: "pbx.example.com" }],
    [
      '"Reception" <sip:1050@pbx.example.com:5062;transport=tcp>',
      { username: "1050", domain: "pbx.example.com", port: 5062, transport: "tcp" },
    ],
    [
      "  Reception Desk <sips:1050@pbx.example.com:5061>  ",
      { username: "1050", domain: "pbx.example.com", port: 5061 },
    ],
    [
      '"Front <desk> \\"AI\\"" <sip:ai-colleague@203.0.113.10;lr;transport=TLS?subject=hi>',
      { username: "ai-colleague", domain: "203.0.113.10", transport: "tls" },
    ],
    [
      "<1050@pbx.example.com;transport=udp>",
      { username: "1050", domain: "pbx.example.com", transport: "udp" },
    ],
    ["<sip:1050@[2001:db8::1]:5060>", { username: "1050", domain: "[2001:db8::1]", port: 5060 }],
    ["sip:1050@pbx.example.com;maddr=x;transport=sctp", { username: "1050", domain: "pbx.example.com" }],
  ])("name-addr %j → %j", (text, expected) => {
    expect(splitSipAddress(text)).toEqual(expected);
  });

  it.each([
    "pbx.example.com",
    "1050",
    "",
    "@pbx.example.com",
    "1050@",
    "a b@pbx.example.com",
    "<>",
    '"Reception" <>',
    '"Reception" <pbx.example.com>',
    '"Reception" sip:1050@pbx.example.com',
    "<sip:1050@pbx.example.com",
  ])("%j is not a SIP address → null", (text) => {
    expect(splitSipAddress(text)).toBeNull();
  });
});

describe("splitHostPort", () => {
  it.each([
    ["pbx.example.com", { host: "pbx.example.com" }],
    ["pbx.example.com:5080", { host: "pbx.example.com", port: 5080 }],
    ["  203.0.113.10:5060 ", { host: "203.0.113.10", port: 5060 }],
    ["[2001:db8::1]:5061", { host: "2001:db8::1", port: 5061 }],
    ["[2001:db8::1]", { host: "2001:db8::1" }],
    // A bare IPv6 literal is not host:port; it stays whole.
    ["2001:db8::1", { host: "2001:db8::1" }],
    ["pbx.example.com:", { host: "pbx.example.com:" }],
    ["pbx.example.com:123456", { host: "pbx.example.com:123456" }],
  ])("%j → %j", (text, expected) => {
    expect(splitHostPort(text)).toEqual(expected);
  });
});

describe("sipAccountCreateSchema", () => {
  it.each(["\u202E", "\u202A", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F"])(
    "refuses a bidi control (U+%s) in the label, with a message that says what to remove",
    (c) => {
      const r = sipAccountCreateSchema.safeParse({ ...VALID, label: `Front ${c}ksed` });
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues.map((i) => i.message)).toContain("validation.bidiControl");
    },
  );

  it("accepts a plain account and fills the defaults", () => {
    const r = sipAccountCreateSchema.parse({ ...VALID, transport: undefined });
    expect(r).toEqual({ ...VALID, transport: "auto" });
  });

  it("trims every text field, but never the password", () => {
    const r = sipAccountCreateSchema.parse({
      label: "  Front desk ",
      sipUsername: " 1050\t",
      sipPassword: "  with spaces  ",
      sipDomain: " pbx.example.com:5080 ",
      authUsername: "  auth-1050 ",
      outboundProxy: " proxy.example.com ",
      port: " 5080 ",
      transport: "tcp",
    });
    expect(r).toMatchObject({
      label: "Front desk",
      sipUsername: "1050",
      sipPassword: "  with spaces  ",
      sipDomain: "pbx.example.com:5080",
      authUsername: "auth-1050",
      outboundProxy: "proxy.example.com",
      port: 5080,
    });
  });

  it("empty optional fields become undefined", () => {
    const r = sipAccountCreateSchema.parse({ ...VALID, authUsername: "  ", outboundProxy: "", port: "" });
    expect(r.authUsername).toBeUndefined();
    expect(r.outboundProxy).toBeUndefined();
    expect(r.port).toBeUndefined();
  });

  it.each(["label", "sipUsername", "sipPassword", "sipDomain"])("%s empty → validation.required", (field) => {
    expect(firstError({ ...VALID, [field]: "" }, field)).toBe("validation.required");
    if (field !== "sipPassword")
      expect(firstError({ ...VALID, [field]: "   " }, field)).toBe("validation.required");
  });

  it("a password of spaces is a password (never trimmed)", () => {
    expect(sipAccountCreateSchema.parse({ ...VALID, sipPassword: "   " }).sipPassword).toBe("   ");
  });

  it("overlong values → tooLong / passwordTooLong", () => {
    expect(firstError({ ...VALID, label: "x".repeat(81) }, "label")).toBe("validation.tooLong");
    expect(firstError({ ...VALID, sipUsername: "1".repeat(65) }, "sipUsername")).toBe("validation.tooLong");
    expect(firstError({ ...VALID, authUsername: "a".repeat(65) }, "authUsername")).toBe("validation.tooLong");
    expect(firstError({ ...VALID, sipPassword: "p".repeat(129) }, "sipPassword")).toBe(
      "validation.passwordTooLong",
    );
    // The limits are inclusive, and measured after trimming.
    expect(sipAccountCreateSchema.safeParse({ ...VALID, sipUsername: ` ${"1".repeat(64)} ` }).success).toBe(
      true,
    );
    expect(sipAccountCreateSchema.safeParse({ ...VALID, sipPassword: "p".repeat(128) }).success).toBe(true);
    const longLabel = `${"a".repeat(63)}.`.repeat(4).slice(0, 254);
    expect(firstError({ ...VALID, sipDomain: longLabel }, "sipDomain")).toBe("validation.domainInvalid");
  });

  it.each([
    ["pbx example.com", "domainSpaces"],
    ["sip.examp le.com", "domainSpaces"],
    ["pbx.example.com:", "domainPort"],
    ["pbx.example.com:99999", "domainPort"],
    ["sip:pbx.example.com", "domainScheme"],
    ["-pbx.example.com", "domainInvalid"],
    ["pbx_.example.com", "domainInvalid"],
    ["pbx..example.com", "domainDots"],
    ["127.1", "domainInvalid"],
    ["0x7f000001", "domainInvalid"],
    ["2130706433", "domainInvalid"],
    ["0177.0.0.1", "domainInvalid"],
    ["http://pbx.example.com/", "domainIsUrl"],
    ["https://sip.example.com", "domainIsUrl"],
    ["user@pbx.example.com", "domainHasUser"],
    ["sip:1050@pbx.example.com", "domainHasUser"],
    ["pbx.exämple.com", "domainNonAscii"],
  ])("invalid domain %j → a message that says what to change (%s)", (sipDomain, key) => {
    expect(firstError({ ...VALID, sipDomain }, "sipDomain")).toBe(`validation.${key}`);
  });

  it.each(["pbx.example.com", "pbx.example.com:5080", "203.0.113.10", "[2001:db8::1]:5061", "2001:db8::1"])(
    "valid domain %j",
    (sipDomain) => {
      expect(sipAccountCreateSchema.safeParse({ ...VALID, sipDomain }).success).toBe(true);
    },
  );

  it("username rules: no spaces, no @domain, only RFC 3261 user characters", () => {
    expect(firstError({ ...VALID, sipUsername: "10 50" }, "sipUsername")).toBe("validation.userSpaces");
    expect(firstError({ ...VALID, sipUsername: "1050@pbx.example.com" }, "sipUsername")).toBe(
      "validation.userHasDomain",
    );
    expect(firstError({ ...VALID, sipUsername: 'x"y' }, "sipUsername")).toBe("validation.userChars");
    // Someone's e-mail (a website login) gets told so, not "enter the part before the @".
    expect(firstError({ ...VALID, sipUsername: "jane.doe@company.com" }, "sipUsername")).toBe(
      "validation.userLooksLikeEmail",
    );
    expect(firstError({ ...VALID, sipUsername: "ai-colleague@sip.example.com" }, "sipUsername")).toBe(
      "validation.userHasDomain",
    );
    expect(firstError({ ...VALID, authUsername: "a<b" }, "authUsername")).toBe("validation.userChars");
    expect(sipAccountCreateSchema.parse({ ...VALID, sipUsername: "ext%201050" }).sipUsername).toBe(
      "ext%201050",
    );
  });

  it("port: a number 1–65535, as number or text", () => {
    expect(portSchema.parse(5060)).toBe(5060);
    expect(portSchema.parse("5061")).toBe(5061);
    expect(portSchema.safeParse("50a").error?.issues[0]?.message).toBe("validation.portNumber");
    expect(portSchema.safeParse(0).error?.issues[0]?.message).toBe("validation.portRange");
    expect(portSchema.safeParse("65536").error?.issues[0]?.message).toBe("validation.portRange");
  });

  it("rejects an unknown transport", () => {
    expect(sipAccountCreateSchema.safeParse({ ...VALID, transport: "sctp" }).success).toBe(false);
  });
});

// Every character that could end or split a SIP header line, in every field that reaches one.
const BREAKERS: Array<[string, string]> = [
  ["CR", "\r"],
  ["LF", "\n"],
  ["CRLF", "\r\n"],
  ["NUL", "\0"],
  ["U+0085 NEL", "\u0085"],
  ["U+2028 LINE SEPARATOR", "\u2028"],
  ["U+2029 PARAGRAPH SEPARATOR", "\u2029"],
];
const HEADER_FIELDS: Array<[string, (b: string) => string]> = [
  ["sipUsername", (b) => `1050${b}X-Evil: 1`],
  ["authUsername", (b) => `auth${b}X-Evil: 1`],
  ["sipDomain", (b) => `pbx.example.com${b}X-Evil: 1`],
  ["outboundProxy", (b) => `proxy.example.com${b}Route: <sip:evil>`],
  ["label", (b) => `Desk${b}two`],
];

describe("line breaks and NUL", () => {
  for (const [field, make] of HEADER_FIELDS) {
    it.each(BREAKERS)(`${field} with %s → validation.lineBreak, on create and update`, (_name, b) => {
      const v = { ...VALID, [field]: make(b) };
      expect(firstError(v, field)).toBe("validation.lineBreak");
      expect(firstError(v, field, sipAccountUpdateSchema)).toBe("validation.lineBreak");
    });
  }

  it.each(BREAKERS)("a break before or after the value is either trimmed away or refused (%s)", (_n, b) => {
    for (const value of [`${b}1050`, `1050${b}`]) {
      const r = sipAccountCreateSchema.safeParse({ ...VALID, sipUsername: value });
      if (r.success) expect(r.data.sipUsername).toBe("1050");
      else expect(r.error.issues[0]?.message).toBe("validation.lineBreak");
    }
  });

  it.each([
    ["CR", "\r"],
    ["LF", "\n"],
    ["NUL", "\0"],
    ["U+2028", "\u2028"],
    ["U+2029", "\u2029"],
    ["DEL", "\u007f"],
  ])("password with %s → validation.passwordControl", (_name, b) => {
    expect(firstError({ ...VALID, sipPassword: `pass${b}word` }, "sipPassword")).toBe(
      "validation.passwordControl",
    );
    expect(firstError({ ...VALID, sipPassword: `pass${b}word` }, "sipPassword", sipAccountUpdateSchema)).toBe(
      "validation.passwordControl",
    );
  });

  it("every message key used has an English and a Dutch text", () => {
    const keys = [
      "required",
      "tooLong",
      "lineBreak",
      "userSpaces",
      "userHasDomain",
      "userChars",
      "domainInvalid",
      "domainIsUrl",
      "domainSpaces",
      "domainHasUser",
      "domainScheme",
      "domainPort",
      "domainNonAscii",
      "domainDots",
      "userLooksLikeEmail",
      "portNumber",
      "portRange",
      "passwordTooLong",
      "passwordControl",
    ];
    for (const key of keys) {
      expect(en[key as keyof typeof en], key).toMatch(/\S/);
      expect(nl[key as keyof typeof nl], key).toMatch(/\S/);
    }
    expect(en.lineBreak).toMatch(/line break/i);
  });
});

describe("sipAccountUpdateSchema", () => {
  it("an empty or missing password keeps the saved one (undefined)", () => {
    expect(sipAccountUpdateSchema.parse({ ...VALID, sipPassword: "" }).sipPassword).toBeUndefined();
    const { sipPassword: _omit, ...rest } = VALID;
    expect(sipAccountUpdateSchema.parse(rest).sipPassword).toBeUndefined();
  });

  it("a new password is taken as typed, spaces included", () => {
    expect(sipAccountUpdateSchema.parse({ ...VALID, sipPassword: " new " }).sipPassword).toBe(" new ");
  });

  it("the other fields follow the same rules as on create", () => {
    expect(firstError({ ...VALID, sipDomain: "" }, "sipDomain", sipAccountUpdateSchema)).toBe(
      "validation.required",
    );
    expect(firstError({ ...VALID, sipUsername: "a b" }, "sipUsername", sipAccountUpdateSchema)).toBe(
      "validation.userSpaces",
    );
  });
});
