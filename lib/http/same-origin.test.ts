import { describe, expect, it } from "vitest";
import { checkJsonContentType, checkSameOrigin, CrossSiteRequestError, isCrossSiteNavigation, UnsupportedMediaTypeError } from "@/lib/http/same-origin";

const request = (method: string, headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/v1/prices", { method, headers });

describe("isCrossSiteNavigation", () => {
  it("is true only when the browser says another site (or another port) started it", () => {
    expect(isCrossSiteNavigation(request("GET", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteNavigation(request("GET", { "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteNavigation(request("GET", { "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteNavigation(request("GET", { "sec-fetch-site": "none" }))).toBe(false);
    expect(isCrossSiteNavigation(request("GET", {}))).toBe(false);
  });
});

describe("checkSameOrigin", () => {
  it("lets reads through whatever their origin", () => {
    expect(() => checkSameOrigin(request("GET", { "sec-fetch-site": "cross-site", origin: "http://evil.example" }))).not.toThrow();
  });

  it("takes writes from this origin, from the user directly, and from clients that are not browsers", () => {
    expect(() => checkSameOrigin(request("POST", { "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => checkSameOrigin(request("POST", { "sec-fetch-site": "none" }))).not.toThrow();
    expect(() => checkSameOrigin(request("POST", {}))).not.toThrow();
    expect(() => checkSameOrigin(request("DELETE", { origin: "http://127.0.0.1:3000" }))).not.toThrow();
    expect(() => checkSameOrigin(request("POST", { origin: "http://localhost:3000", host: "localhost:3000" }))).not.toThrow();
  });

  it.each([
    ["another site", { "sec-fetch-site": "cross-site" }],
    ["another port on the same host", { "sec-fetch-site": "same-site" }],
    ["an Origin naming another host (older browsers)", { origin: "http://evil.example" }],
    ["an Origin naming another port", { origin: "http://127.0.0.1:8080" }],
    ["an opaque origin (sandboxed frame, data: URL)", { origin: "null" }],
    ["an Origin that is no URL", { origin: "garbage" }],
  ])("refuses a write from %s", (_label, headers) => {
    expect(() => checkSameOrigin(request("POST", headers))).toThrow(CrossSiteRequestError);
    expect(() => checkSameOrigin(request("DELETE", headers))).toThrow(CrossSiteRequestError);
  });
});

describe("checkJsonContentType", () => {
  it("takes application/json, with or without parameters", () => {
    expect(() => checkJsonContentType(request("POST", { "content-type": "application/json" }))).not.toThrow();
    expect(() => checkJsonContentType(request("POST", { "content-type": "Application/JSON; charset=utf-8" }))).not.toThrow();
  });

  it.each(["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"])("refuses %s", (type) => {
    expect(() => checkJsonContentType(request("POST", { "content-type": type }))).toThrow(UnsupportedMediaTypeError);
  });

  it("refuses a body without a type, saying what it got", () => {
    expect(() => checkJsonContentType(request("POST", {}))).toThrow("Send the body as JSON with Content-Type: application/json (got none)");
  });
});
