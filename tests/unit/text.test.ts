import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText, nameSchema, textSchema } from "@/lib/validation";

const guestName = textSchema({ max: 60, blank: "Enter your name." });

describe("cleanText", () => {
  it("drops bidirectional controls, so a name cannot display reversed", () => {
    expect(cleanText("\u202Etsoh\u202C (host)")).toBe("tsoh (host)");
    expect(cleanText("Ada\u2066 \u2069Lovelace\u200F")).toBe("Ada Lovelace");
  });

  it("drops zero-width, NUL and other control characters", () => {
    expect(cleanText("A\u200Bda\u0000 \uFEFFLove\u2060lace\u0007")).toBe("Ada Lovelace");
  });

  it("keeps joiners inside a word (Persian, emoji) and drops them at the edges", () => {
    expect(cleanText("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645")).toBe(
      "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
    );
    expect(cleanText("👩\u200D💻 Grace")).toBe("👩\u200D💻 Grace");
    expect(cleanText("\u200DGrace\u200C")).toBe("Grace");
  });

  it("normalizes to NFC and folds line breaks and runs of spaces into one space", () => {
    expect(cleanText("Cafe\u0301\r\nmeeting\u2028 \t notes")).toBe("Café meeting notes");
  });

  it("is idempotent and leaves nothing it should have removed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => {
        const once = cleanText(s);
        expect(cleanText(once)).toBe(once);
        expect(once).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200b\ufeff]/u);
        expect(once).toBe(once.normalize("NFC"));
      }),
    );
  });
});

describe("textSchema", () => {
  it("refuses a value that is blank once cleaned, with the field's message", () => {
    for (const blank of ["", "   ", "\u200B\u200B\u200B", "\u3164", "\u202E\u202C", "\u0000"]) {
      const result = guestName.safeParse(blank);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("Enter your name.");
    }
  });

  it("counts characters after cleaning and refuses huge input early", () => {
    expect(guestName.safeParse("x".repeat(60) + "\u200B".repeat(20)).success).toBe(true);
    expect(guestName.safeParse("x".repeat(61)).error?.issues[0]?.message).toBe("Use at most 60 characters.");
    expect(guestName.safeParse("x".repeat(1_000_000)).success).toBe(false);
  });

  it("cleans account names too", () => {
    expect(nameSchema.parse(" Ada\u202E Lovelace ")).toBe("Ada Lovelace");
    expect(nameSchema.safeParse("\u200B").success).toBe(false);
  });
});
