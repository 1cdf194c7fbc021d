import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPmi, generatePmi, normalizePmi, pmiProblems, RESERVED_PMI_PREFIXES, pmiSchema } from "@/lib/validation";

describe("PMI examples from SPEC §3", () => {
  it.each([
    ["4155550134", []],
    ["(415) 555-0134", []],
    ["415.555.0134", []],
    ["415 555 0134", []],
    ["2472472471", ["pmi-repeated-groups"]],
    ["2224447771", ["pmi-repeated-digit-groups"]],
    ["2222122221", ["pmi-digit-count"]],
    ["3456789012", ["pmi-sequence"]],
    ["3210987654", ["pmi-sequence"]],
    ["8005550134", ["pmi-reserved-prefix"]],
    ["0415550134", ["pmi-first-digit"]],
    ["1415550134", ["pmi-first-digit"]],
    ["4222221234", ["pmi-digit-run"]],
    ["415555013", ["pmi-length"]],
    ["41555501345", ["pmi-length"]],
    ["415_555_0134", ["pmi-characters"]],
    ["415/555/0134", ["pmi-characters"]],
    ["４１５５５５０１３４", ["pmi-characters"]],
    ["", ["pmi-length"]],
    ["4".repeat(20_000), ["pmi-length"]],
  ])("%s -> %j", (input, expected) => {
    expect(pmiProblems(input)).toEqual(expected);
  });

  it("lets the three groups be equal when each is one repeated digit", () => {
    expect(pmiProblems("2222222223")).toContain("pmi-repeated-digit-groups");
  });

  it("leaves d10 free in a run", () => {
    expect(pmiProblems("3456789015")).toContain("pmi-sequence");
    expect(pmiProblems("3456789919")).toEqual([]);
  });

  it("strips only the listed separators", () => {
    expect(normalizePmi(" (415) 555-01.34 ")).toBe("4155550134");
    expect(normalizePmi("415\t555")).toBe("415\t555");
  });

  it("formats 3-3-4", () => {
    expect(formatPmi("4155550134")).toBe("415 555 0134");
  });

  it("the schema stores ten digits and names the rule it refuses with", () => {
    expect(pmiSchema.parse("(415) 555-0134")).toBe("4155550134");
    const result = pmiSchema.safeParse("800 555 0134");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ params: { rule: "pmi-reserved-prefix" } });
  });
});

const digit = fc.integer({ min: 0, max: 9 });
const firstDigit = fc.integer({ min: 2, max: 9 });
const tenDigits = fc
  .tuple(firstDigit, fc.array(digit, { minLength: 9, maxLength: 9 }))
  .map(([d1, rest]) => [d1, ...rest].join(""));

describe("PMI properties", () => {
  it("generated PMIs always pass every rule", () => {
    for (let i = 0; i < 2000; i++) expect(pmiProblems(generatePmi())).toEqual([]);
  });

  it("a reserved prefix is refused with its own rule", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RESERVED_PMI_PREFIXES),
        fc.array(digit, { minLength: 7, maxLength: 7 }),
        (prefix, rest) => {
          expect(pmiProblems(prefix + rest.join(""))).toContain("pmi-reserved-prefix");
        },
      ),
    );
  });

  it("a group of three repeated three times is refused", () => {
    fc.assert(
      fc.property(firstDigit, digit, digit, digit, (a, b, c, d10) => {
        const g = `${a}${b}${c}`;
        expect(pmiProblems(`${g}${g}${g}${d10}`)).toContain("pmi-repeated-groups");
      }),
    );
  });

  it("three groups of one repeated digit are refused", () => {
    fc.assert(
      fc.property(firstDigit, digit, digit, digit, (a, b, c, d10) => {
        expect(pmiProblems(`${a}${a}${a}${b}${b}${b}${c}${c}${c}${d10}`)).toContain("pmi-repeated-digit-groups");
      }),
    );
  });

  it("five of a digit in a row anywhere is refused", () => {
    fc.assert(
      fc.property(tenDigits, digit, fc.integer({ min: 1, max: 5 }), (base, d, at) => {
        const value = base.slice(0, at) + String(d).repeat(5) + base.slice(at + 5);
        expect(pmiProblems(value)).toContain("pmi-digit-run");
      }),
    );
  });

  it("a digit eight or more times is refused", () => {
    fc.assert(
      fc.property(
        tenDigits,
        digit,
        fc.shuffledSubarray([1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 8, maxLength: 8 }),
        (base, d, positions) => {
          const chars = [...base];
          for (const p of positions) chars[p] = String(d);
          expect(pmiProblems(chars.join(""))).toContain("pmi-digit-count");
        },
      ),
    );
  });

  it("ascending and descending runs over d1..d9 are refused whatever d10 is", () => {
    fc.assert(
      fc.property(firstDigit, fc.constantFrom(1, -1), digit, (start, step, d10) => {
        const run = Array.from({ length: 9 }, (_, i) => (start + step * i + 100) % 10).join("");
        expect(pmiProblems(run + d10)).toContain("pmi-sequence");
      }),
    );
  });

  it("any ten digits are either accepted or refused with a reason, and separators never change the verdict", () => {
    fc.assert(
      fc.property(tenDigits, (pmi) => {
        const spaced = `(${pmi.slice(0, 3)}) ${pmi.slice(3, 6)}-${pmi.slice(6)}`;
        expect(pmiProblems(spaced)).toEqual(pmiProblems(pmi));
      }),
    );
  });
});
