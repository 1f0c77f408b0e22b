import { describe, expect, it } from "vitest";
import { pickGuideLocale } from "./pick-locale";

describe("pickGuideLocale", () => {
  it("prefers a valid cookie over Accept-Language", () => {
    expect(pickGuideLocale("nl", "en-GB,en;q=0.9")).toBe("nl");
  });
  it("ignores an unknown cookie", () => {
    expect(pickGuideLocale("fr", "nl-NL,nl;q=0.9")).toBe("nl");
  });
  it("picks the highest q-value among supported languages", () => {
    expect(pickGuideLocale(undefined, "de;q=1, en;q=0.5, nl-BE;q=0.8")).toBe("nl");
    expect(pickGuideLocale(undefined, "fr, nl;q=0.2, en;q=0.3")).toBe("en");
  });
  it("skips q=0 and malformed values", () => {
    expect(pickGuideLocale(undefined, "nl;q=0, en;q=0.1")).toBe("en");
    expect(pickGuideLocale(undefined, "nl;q=abc")).toBe("en");
  });
  it("falls back to English", () => {
    expect(pickGuideLocale(undefined, null)).toBe("en");
    expect(pickGuideLocale(undefined, "fr-FR,de")).toBe("en");
  });
});
