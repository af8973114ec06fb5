import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiErrorMessage, fetchJson, HTTP_ERROR, toApiError, UNREACHABLE, withQuery } from "@/components/ui/api-client";

describe("apiErrorMessage", () => {
  it("is the API's own message when the body carries one", () => {
    expect(apiErrorMessage({ error: { code: "invalid_body", message: "inputUsdPerMtok: must not be negative" } })).toBe(
      "inputUsdPerMtok: must not be negative",
    );
  });

  it("is null for anything else", () => {
    for (const body of [null, "oops", {}, { error: "x" }, { error: { message: 3 } }, { error: { message: "" } }]) expect(apiErrorMessage(body)).toBeNull();
  });
});

describe("toApiError", () => {
  it("keeps the API's code and message, else falls back to the status line", () => {
    expect(toApiError(404, "Not Found", { error: { code: "not_found", message: "No run r1" } })).toMatchObject({ status: 404, code: "not_found", message: "No run r1" });
    expect(toApiError(502, "Bad Gateway", "<html>")).toMatchObject({ status: 502, code: HTTP_ERROR, message: "502 Bad Gateway" });
    expect(toApiError(500, "", null).message).toBe("500");
  });
});

describe("withQuery", () => {
  it("leaves out absent parameters and encodes the rest", () => {
    expect(withQuery("/api/v1/x", { a: "b c", n: 5, none: undefined, nil: null })).toBe("/api/v1/x?a=b+c&n=5");
    expect(withQuery("/api/v1/x", { from: undefined })).toBe("/api/v1/x");
  });
});

describe("fetchJson", () => {
  afterEach(() => vi.unstubAllGlobals());
  const answer = (body: string | null, init: ResponseInit) => vi.fn(async () => new Response(body, init));

  it("asks for JSON and sends a JSON body for writes", async () => {
    const fetch = answer('{"ok":true}', { status: 201 });
    vi.stubGlobal("fetch", fetch);
    await expect(fetchJson("/api/v1/prices", { method: "POST", body: { model: "m" } })).resolves.toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledWith("/api/v1/prices", {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: '{"model":"m"}',
      signal: undefined,
    });
  });

  it("answers undefined for an empty success such as 204", async () => {
    vi.stubGlobal("fetch", answer(null, { status: 204 }));
    await expect(fetchJson("/api/v1/session", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("throws the API's error, or the status line for a body that is not JSON", async () => {
    vi.stubGlobal("fetch", answer('{"error":{"code":"unavailable","message":"starting"}}', { status: 503 }));
    await expect(fetchJson("/x")).rejects.toMatchObject({ name: "ApiError", status: 503, code: "unavailable", message: "starting" });
    vi.stubGlobal("fetch", answer("<h1>Bad gateway</h1>", { status: 502, statusText: "Bad Gateway" }));
    await expect(fetchJson("/x")).rejects.toMatchObject({ status: 502, code: HTTP_ERROR, message: "502 Bad Gateway" });
  });

  it("turns a network failure into status 0, but lets an abort through", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const error: unknown = await fetchJson("/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: UNREACHABLE, message: expect.stringContaining("could not be reached") });

    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException("aborted", "AbortError");
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(abort)));
    await expect(fetchJson("/x", { signal: controller.signal })).rejects.toBe(abort);
  });
});
