// Query-string readers every API route shares. Each throws ParamError naming the parameter, which
// the route handler answers with 400 invalid_parameter.

/** A bad query parameter: the API answers 400 and names it. */
export class ParamError extends Error {
  override name = "ParamError";
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
  }
}

const MAX_TEXT = 200;

/** Times are int8 nanoseconds in the database: anything past this cannot be stored, so it cannot be asked for. */
export const MAX_NS = 2n ** 63n - 1n;

/** Text that PostgreSQL can compare: bounded and without NUL characters. */
export function checkText(param: string, value: string): string {
  if (value.length > MAX_TEXT) throw new ParamError(param, `longer than ${MAX_TEXT} characters`);
  if (value.includes("\u0000")) throw new ParamError(param, "contains a NUL character");
  return value;
}

/** A query parameter given at most once; empty counts as absent. */
export function singleParam(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new ParamError(name, "give it once");
  const value = values[0]?.trim();
  return value === undefined || value === "" ? undefined : checkText(name, value);
}

/** A required parameter; `what` says what it should hold. */
export function requiredParam(params: URLSearchParams, name: string, what: string): string {
  const value = singleParam(params, name);
  if (value === undefined) throw new ParamError(name, `is required: ${what}`);
  return value;
}

/** One of `allowed`, or `fallback` when absent. */
export function oneOfParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T;
export function oneOfParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | undefined;
export function oneOfParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const value = singleParam(params, name);
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new ParamError(name, `"${value}" is not one of ${allowed.join(", ")}`);
  return value as T;
}

/** A nanosecond string (from a cursor): digits within int8. */
export function isNs(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_NS;
}

/** `limit`: an integer from 1 to `max`, `fallback` when absent. */
export function parseLimit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new ParamError("limit", `must be an integer from 1 to ${max}`);
  }
  return Number(raw);
}

const RELATIVE = /^(\d{1,6})(m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

function inRange(param: string, ns: bigint): bigint {
  if (ns < 0n || ns > MAX_NS) throw new ParamError(param, "is outside the years 1970 to 2262");
  return ns;
}

/**
 * A point in time: ISO 8601, epoch milliseconds, or a relative age such as `15m`, `24h`, `7d`
 * (that long before `nowMs`), so a shared link to "the last day" stays relative.
 */
export function parseTimeParam(param: string, raw: string, nowMs: number): bigint {
  const relative = RELATIVE.exec(raw);
  if (relative) return inRange(param, BigInt(nowMs - Number(relative[1]) * UNIT_MS[relative[2]!]!) * 1_000_000n);
  if (/^\d{1,15}$/.test(raw)) return inRange(param, BigInt(raw) * 1_000_000n);
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) {
    throw new ParamError(param, `"${raw}" is not a time; use ISO 8601, epoch milliseconds or an age like 24h`);
  }
  return inRange(param, BigInt(ms) * 1_000_000n);
}

/** Runs that started in [fromNs, toNs); either end open when absent. */
export interface TimeWindow {
  fromNs?: bigint;
  toNs?: bigint;
}

/** `from` / `to`: ISO 8601, epoch ms, or an age such as `7d`; from must not be after to. */
export function parseWindow(params: URLSearchParams, nowMs = Date.now()): TimeWindow {
  const window: TimeWindow = {};
  const from = singleParam(params, "from");
  if (from) window.fromNs = parseTimeParam("from", from, nowMs);
  const to = singleParam(params, "to");
  if (to) window.toNs = parseTimeParam("to", to, nowMs);
  if (window.fromNs !== undefined && window.toNs !== undefined && window.fromNs > window.toNs) {
    throw new ParamError("from", "is after to");
  }
  return window;
}
