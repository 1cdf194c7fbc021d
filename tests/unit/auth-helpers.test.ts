import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/client-address";
import { safeCallbackUrl } from "@/lib/safe-callback";

describe("callbackUrl", () => {
  it.each([
    ["/room", "/room"],
    ["/meetings/123?x=1", "/meetings/123?x=1"],
    ["https://evil.example/", "/room"],
    ["//evil.example/", "/room"],
    ["/\\evil.example", "/room"],
    ["javascript:alert(1)", "/room"],
    ["/signin", "/room"],
    ["/api/auth/signout", "/room"],
    [undefined, "/room"],
    ["/x\u0000", "/room"],
  ])("%s -> %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});

describe("client address", () => {
  it("takes the hop nearest the server", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
