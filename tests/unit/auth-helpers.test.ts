import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/server/client-address";
import { safeCallbackUrl } from "@/lib/server/safe-callback";

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
    ["/\u3000", "/room"],
    ["/\uff0f\uff0fevil.example", "/room"],
    ["\uff0f\uff0fevil.example", "/room"],
    ["/\u2028", "/room"],
    ["/caf\u00e9", "/room"],
    ["/a b", "/room"],
    ["/x\u007f", "/room"],
    ["/help/search?q=caf%C3%A9", "/help/search?q=caf%C3%A9"],
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

  it("writes an IPv4 client of a dual-stack socket as IPv4, and leaves IPv6 as it is", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientAddress(new Headers({ "x-forwarded-for": "2001:db8::1" }))).toBe("2001:db8::1");
  });
});
