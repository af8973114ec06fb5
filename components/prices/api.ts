import { ApiError, fetchJson } from "@/components/runs/api";
import type { PriceOverrideCreated, PriceOverrideList, RepriceJob } from "@/lib/costs/types";
import type { PriceOverrideRequest } from "@/components/prices/price-form-values";

/** One key: a save or delete refreshes the prices and the jobs together. */
export const priceKeys = { list: ["price-overrides"] as const };

/** A write to the API; a refusal throws the server's own message (`error.message`) as an ApiError. */
async function sendJson<T>(method: "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "The server could not be reached. Check your connection and try again.");
  }
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw new ApiError(response.status, errorMessage(payload) ?? `${response.status} ${response.statusText}`.trim());
  return payload as T;
}

/** The `{error: {message}}` every API refusal carries, if this one does. */
export function errorMessage(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || !("error" in payload)) return null;
  const error = payload.error;
  if (typeof error !== "object" || error === null || !("message" in error)) return null;
  return typeof error.message === "string" && error.message ? error.message : null;
}

export const priceApi = {
  list: (signal?: AbortSignal) => fetchJson<PriceOverrideList>("/api/v1/prices?limit=500", signal),
  create: (body: PriceOverrideRequest) => sendJson<PriceOverrideCreated>("POST", "/api/v1/prices", body),
  remove: (id: string) => sendJson<{ deleted: string; job: RepriceJob }>("DELETE", `/api/v1/prices/${encodeURIComponent(id)}`),
};
