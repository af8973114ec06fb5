import { describe, expect, it } from "vitest";
import { isLoopbackHost, isWildcardHost, listenHost } from "@/lib/runtime/bind";

describe("bind policy", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST.", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([undefined, "0.0.0.0", "::", "10.0.0.5", "observatory.example", "128.0.0.1", "::2"])("%s is not loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it("knows the wildcard binds", () => {
    expect([undefined, "0.0.0.0", "::", "[::]"].every(isWildcardHost)).toBe(true);
    expect(isWildcardHost("127.0.0.1")).toBe(false);
  });

  it("binds loopback while no key exists and HOST is unset; HOST always wins", () => {
    expect(listenHost(undefined, false)).toBe("127.0.0.1");
    expect(listenHost(undefined, true)).toBeUndefined();
    expect(listenHost("0.0.0.0", false)).toBe("0.0.0.0");
    expect(listenHost("10.0.0.5", true)).toBe("10.0.0.5");
  });
});
