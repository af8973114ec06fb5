// The one way components talk to /api/v1: JSON in and out, and every failure (the API's
// `{error: {code, message}}`, a bare HTTP error, no connection) as an ApiError views can show as is.

/** `code` of a failure whose body was not the API's error shape. */
export const HTTP_ERROR = "http_error";
/** `code` (with status 0) when the request never got an answer. */
export const UNREACHABLE = "unreachable";
const UNREACHABLE_MESSAGE = "The server could not be reached. Check your connection and try again.";

/** A refused or failed API call: HTTP status (0: no answer), the API's error code and its message. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** A non-empty string field of the API's `{error: {...}}`, if the body carries one. */
function errorField(payload: unknown, field: "code" | "message"): string | null {
  const error = isRecord(payload) ? payload.error : null;
  const value = isRecord(error) ? error[field] : null;
  return typeof value === "string" && value ? value : null;
}

/** The `{error: {message}}` every API refusal carries, if this one does. */
export const apiErrorMessage = (payload: unknown): string | null => errorField(payload, "message");

/** The error for a non-2xx answer: the server's own code and message, else the HTTP status line. */
export function toApiError(status: number, statusText: string, payload: unknown): ApiError {
  return new ApiError(status, errorField(payload, "code") ?? HTTP_ERROR, apiErrorMessage(payload) ?? `${status} ${statusText}`.trim());
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. the setup token as `authorization`). */
  headers?: Record<string, string>;
}

/** `path?a=1&b=2` with the undefined parameters left out. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The parsed JSON answer (undefined for an empty one, e.g. 204); throws ApiError for anything else. */
export async function fetchJson<T>(path: string, { method = "GET", body, signal, headers: extra }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...extra, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
    text = await response.text();
  } catch (error) {
    // A cancelled query is not a connection problem: let the caller see the abort.
    if (signal?.aborted) throw error;
    throw new ApiError(0, UNREACHABLE, UNREACHABLE_MESSAGE);
  }
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    if (!response.ok) throw toApiError(response.status, response.statusText, null);
    throw new ApiError(response.status, HTTP_ERROR, `${response.status}: the server's answer is not JSON`);
  }
  if (!response.ok) throw toApiError(response.status, response.statusText, payload);
  return payload as T;
}
