import { afterEach, describe, expect, it } from "vitest";
import { otlpEndpoints } from "@/lib/runtime/endpoints";
import { serverRuntime } from "@/lib/runtime/registry";

describe("otlpEndpoints", () => {
  afterEach(() => {
    serverRuntime().receivers = { grpc: null, http: null };
  });

  it("uses the host the user browsed to and the bound receiver ports", () => {
    serverRuntime().receivers = { grpc: 14317, http: 14318 };
    expect(otlpEndpoints("observatory.internal:3000")).toEqual({
      grpc: "http://observatory.internal:14317",
      http: "http://observatory.internal:14318",
    });
  });

  it("keeps IPv6 literals bracketed and falls back to the default ports", () => {
    expect(otlpEndpoints("[::1]:3000")).toEqual({ grpc: "http://[::1]:4317", http: "http://[::1]:4318" });
    expect(otlpEndpoints(null)).toEqual({ grpc: "http://localhost:4317", http: "http://localhost:4318" });
  });
});
