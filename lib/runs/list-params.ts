import type { RunStatus } from "@/lib/runs/types";

/** What the runs list can be narrowed by; every field optional. Times are ns since the epoch. */
export interface RunListFilters {
  workload?: string;
  version?: string;
  logicId?: string;
  deployment?: string;
  statuses?: RunStatus[];
  fromNs?: bigint;
  toNs?: bigint;
  q?: string;
}

export interface RunListCursor {
  startNs: string;
  runId: string;
}

export interface RunListParams {
  filters: RunListFilters;
  limit: number;
  cursor: RunListCursor | null;
}

export const DEFAULT_RUN_LIMIT = 50;
export const MAX_RUN_LIMIT = 500;
const MAX_TEXT = 200;
const STATUSES: readonly RunStatus[] = ["running", "completed", "failed"];

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

const RELATIVE = /^(\d{1,6})(m|h|d|w)$/;
/** Times are int8 nanoseconds in the database: anything past this cannot be stored, so it cannot be asked for. */
export const MAX_NS = 2n ** 63n - 1n;

function inRange(param: string, ns: bigint): bigint {
  if (ns < 0n || ns > MAX_NS) throw new ParamError(param, "is outside the years 1970 to 2262");
  return ns;
}

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

/** A nanosecond string from a cursor: digits within int8. */
export function isNs(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_NS;
}
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

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

const text = singleParam;

/** Runs that started in [fromNs, toNs); either end open when absent. */
export interface TimeWindow {
  fromNs?: bigint;
  toNs?: bigint;
}

/** `from` / `to`: ISO 8601, epoch ms, or an age such as `7d`; from must not be after to. */
export function parseWindow(params: URLSearchParams, nowMs = Date.now()): TimeWindow {
  const window: TimeWindow = {};
  const from = text(params, "from");
  if (from) window.fromNs = parseTimeParam("from", from, nowMs);
  const to = text(params, "to");
  if (to) window.toNs = parseTimeParam("to", to, nowMs);
  if (window.fromNs !== undefined && window.toNs !== undefined && window.fromNs > window.toNs) {
    throw new ParamError("from", "is after to");
  }
  return window;
}

export function encodeCursor(cursor: RunListCursor): string {
  return Buffer.from(JSON.stringify([cursor.startNs, cursor.runId])).toString("base64url");
}

export function decodeCursor(raw: string): RunListCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && isNs(value[0]) && typeof value[1] === "string" && !value[1].includes("\u0000")) {
      return { startNs: value[0], runId: value[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ParamError("cursor", "not a cursor this API returned; start again without it");
}

export function parseLimit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new ParamError("limit", `must be an integer from 1 to ${max}`);
  }
  return Number(raw);
}

/** `logicId=`: a full logic id or a prefix of 4+ hex characters, lower-cased; undefined when absent. */
export function logicIdPrefixParam(params: URLSearchParams): string | undefined {
  const logicId = text(params, "logicId");
  if (logicId === undefined) return undefined;
  if (!/^[0-9a-f]{4,64}$/i.test(logicId)) throw new ParamError("logicId", "must be 4 to 64 hex characters (a logic id or its prefix)");
  return logicId.toLowerCase();
}

/** Validates the runs list's query string; throws ParamError naming the first bad parameter. */
export function parseRunListParams(params: URLSearchParams, nowMs = Date.now()): RunListParams {
  const filters: RunListFilters = {};
  const workload = text(params, "workload");
  if (workload) filters.workload = workload;
  const version = text(params, "version");
  if (version) filters.version = version;
  const logicId = logicIdPrefixParam(params);
  if (logicId) filters.logicId = logicId;
  const deployment = text(params, "deployment");
  if (deployment) filters.deployment = deployment;
  const status = text(params, "status");
  if (status) {
    const statuses = [...new Set(status.split(",").map((s) => s.trim()))];
    for (const value of statuses) {
      if (!STATUSES.includes(value as RunStatus)) throw new ParamError("status", `"${value}" is not one of ${STATUSES.join(", ")}`);
    }
    filters.statuses = statuses as RunStatus[];
  }
  Object.assign(filters, parseWindow(params, nowMs));
  const q = text(params, "q");
  if (q) filters.q = q;
  const limit = parseLimit(text(params, "limit"), DEFAULT_RUN_LIMIT, MAX_RUN_LIMIT);
  const rawCursor = text(params, "cursor");
  return { filters, limit, cursor: rawCursor ? decodeCursor(rawCursor) : null };
}
