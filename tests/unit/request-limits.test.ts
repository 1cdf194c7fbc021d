import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, OVER_MAX_BODY_LENGTH } from "@/lib/server/http-policy.mjs";
import { bodyTooLarge, decodedPath } from "@/lib/server/request-limits";
import { config } from "@/proxy";

const overCap = new RegExp(`^${OVER_MAX_BODY_LENGTH}$`); // anchored, as Next anchors `has` values

function chunked(sizes: number[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const size of sizes) controller.enqueue(new Uint8Array(size));
      controller.close();
    },
  });
  return new Request("http://localhost/j/1/join", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("the Content-Length that skips the proxy for the 413 route", () => {
  it("matches exactly the lengths over 64 KB, with or without leading zeros", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 * MAX_BODY_BYTES }), fc.nat({ max: 3 }), (n, zeros) => {
        expect(overCap.test("0".repeat(zeros) + String(n))).toBe(n > MAX_BODY_BYTES);
      }),
    );
    for (const n of [MAX_BODY_BYTES - 1, MAX_BODY_BYTES, MAX_BODY_BYTES + 1, 69_999, 70_000, 99_999, 100_000]) {
      expect(overCap.test(String(n)), String(n)).toBe(n > MAX_BODY_BYTES);
    }
    expect(overCap.test("629145600")).toBe(true);
    expect(overCap.test("99999999999999999999")).toBe(true);
  });

  it("is the one the proxy's matcher leaves out (Next reads that config as a literal copy)", () => {
    const [pages] = config.matcher;
    expect(pages && "missing" in pages ? pages.missing : undefined).toContainEqual({
      type: "header",
      key: "content-length",
      value: OVER_MAX_BODY_LENGTH,
    });
  });
});

describe("bodyTooLarge", () => {
  it("trusts a declared Content-Length without reading the body", async () => {
    const declared = (length: number) =>
      new Request("http://localhost/signin", {
        method: "POST",
        headers: { "content-length": String(length) },
        body: "x",
      });
    expect(await bodyTooLarge(declared(MAX_BODY_BYTES))).toBe(false);
    expect(await bodyTooLarge(declared(MAX_BODY_BYTES + 1))).toBe(true);
  });

  it("counts a chunked body up to the cap and stops there", async () => {
    expect(await bodyTooLarge(chunked([1000, MAX_BODY_BYTES - 1000]))).toBe(false);
    expect(await bodyTooLarge(chunked([MAX_BODY_BYTES, 1]))).toBe(true);
    expect(await bodyTooLarge(chunked([]))).toBe(false);
  });

  it("lets a request without a body through", async () => {
    expect(await bodyTooLarge(new Request("http://localhost/signin", { method: "POST" }))).toBe(false);
  });
});

describe("decodedPath", () => {
  it("decodes good escapes and refuses broken ones", () => {
    expect(decodedPath("/help/waiting-room")).toBe("/help/waiting-room");
    expect(decodedPath("/%72oom")).toBe("/room");
    expect(decodedPath("/my/caf%C3%A9")).toBe("/my/café");
    for (const bad of ["/help/%FF", "/my/%C0", "/j/%E0%A4%A", "/x/%"]) expect(decodedPath(bad), bad).toBeNull();
  });
});
