import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  generatePasscode,
  linkFromName,
  linkProblems,
  linkSchema,
  numberedLink,
  passcodeProblems,
  roomSettingsSchema,
  securedLink,
  settingsProblems,
} from "@/lib/validation";

describe("personal link", () => {
  it.each([
    ["ada.lovelace", []],
    ["Ada.Lovelace", []],
    ["abcde", []],
    ["a".repeat(40), []],
    ["abcd", ["link-length"]],
    ["a".repeat(41), ["link-length"]],
    ["ada_lovelace", ["link-characters"]],
    ["ada-lovelace", ["link-characters"]],
    ["adá.lovelace", ["link-characters"]],
    ["1ada.lovelace", ["link-start"]],
    [".ada.lovelace", ["link-start"]],
    ["ada..lovelace", ["link-dots"]],
    ["ada.lovelace.", ["link-dots"]],
    ["support", ["link-reserved"]],
    ["SUPPORT", ["link-reserved"]],
    ["Roomdesk", ["link-reserved"]],
    ["x".repeat(20_000), ["link-length"]],
  ])("%s -> %j", (input, expected) => {
    expect(linkProblems(input)).toEqual(expected);
  });

  it("is stored in lower case", () => {
    expect(linkSchema.parse("Ada.Lovelace")).toBe("ada.lovelace");
  });

  it("is made from the owner's name, folded to ASCII", () => {
    expect(linkFromName("Ada Lovelace")).toBe("ada.lovelace");
    expect(linkFromName("Grace Hopper")).toBe("grace.hopper");
    expect(linkFromName("José Álvarez-Núñez")).toBe("jose.alvarez.nunez");
    expect(linkFromName("Support")).toMatch(/^user\.[a-z]{8}$/);
    expect(linkFromName("李小龍")).toMatch(/^user\.[a-z]{8}$/);
    expect(linkFromName("Al")).toMatch(/^al\.[a-z]{5}$/);
    expect(linkFromName("A".repeat(30) + " " + "B".repeat(30)).length).toBeLessThanOrEqual(40);
  });

  it("generated, numbered and secured links always pass every rule", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 2, max: 100_000 }), (name, n) => {
        const link = linkFromName(name);
        expect(linkProblems(link)).toEqual([]);
        expect(linkProblems(numberedLink(link, n))).toEqual([]);
        expect(linkProblems(securedLink(link))).toEqual([]);
      }),
    );
  });

  it("a secured link keeps the old one as its start and adds letters that cannot be guessed", () => {
    const a = securedLink("ada.lovelace");
    const b = securedLink("ada.lovelace");
    expect(a).toMatch(/^ada\.lovelace\.[a-z]{6}$/);
    expect(a).not.toBe(b);
    expect(securedLink("a".repeat(40)).length).toBeLessThanOrEqual(40);
  });
});

describe("passcode", () => {
  it.each([
    ["Xk7*mb", []],
    ["pass_w-rd", []],
    ["abc12", ["passcode-length"]],
    ["abcdefghijk", ["passcode-length"]],
    ["pass word", ["passcode-characters"]],
    ["pässword", ["passcode-characters"]],
    ["aaaaaa", ["passcode-repeated"]],
    ["aAaAaA", ["passcode-repeated"]],
    ["******", ["passcode-repeated"]],
    ["123456", ["passcode-sequence"]],
    ["0123456789", ["passcode-sequence"]],
    ["987654", ["passcode-sequence"]],
    ["fedcba", ["passcode-sequence"]],
    ["ABCDEF", ["passcode-sequence"]],
    ["890123", []],
    ["xyzabc", []],
  ])("%s -> %j", (input, expected) => {
    expect(passcodeProblems(input)).toEqual(expected);
  });

  it("generated passcodes are 8 letters and digits that pass every rule", () => {
    for (let i = 0; i < 2000; i++) {
      const p = generatePasscode();
      expect(p).toMatch(/^[A-Za-z0-9]{8}$/);
      expect(passcodeProblems(p)).toEqual([]);
    }
  });
});

describe("settings that depend on each other", () => {
  it("join before host needs a passcode", () => {
    expect(settingsProblems({ passcode: null, joinBeforeHost: true, waitingRoom: true })).toEqual([
      { field: "joinBeforeHost", rule: "jbh-needs-passcode" },
    ]);
  });

  it("a room keeps a passcode or a waiting room", () => {
    expect(settingsProblems({ passcode: null, joinBeforeHost: false, waitingRoom: false })).toEqual([
      { field: "passcode", rule: "passcode-or-waiting-room" },
    ]);
    expect(settingsProblems({ passcode: "Xk7*mb", joinBeforeHost: true, waitingRoom: false })).toEqual([]);
    expect(settingsProblems({ passcode: null, joinBeforeHost: false, waitingRoom: true })).toEqual([]);
  });

  it("the form schema reads checkboxes as FormData sends them and an empty passcode as none", () => {
    expect(roomSettingsSchema.parse({ passcode: "", waitingRoom: "on" })).toEqual({
      passcode: null,
      joinBeforeHost: false,
      waitingRoom: true,
    });
    const refused = roomSettingsSchema.safeParse({ passcode: "", joinBeforeHost: "on" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path[0])).toEqual(["joinBeforeHost", "passcode"]);
  });
});
