import { describe, expect, it } from "vitest";
import { ParamError } from "@/lib/http/params";
import { encodeRunListCursor, MAX_RUN_LIMIT, parseRunListParams } from "@/lib/runs/list-params";

const NOW = Date.parse("2026-11-21T12:00:00.000Z");
const parse = (query: string) => parseRunListParams(new URLSearchParams(query), NOW);

function paramError(query: string): ParamError {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ParamError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to be refused`);
}

describe("parseRunListParams", () => {
  it("defaults to the newest 50 runs with no filters", () => {
    expect(parse("")).toEqual({ filters: {}, limit: 50, cursor: null });
  });

  it("reads every filter", () => {
    const params = parse("workload=QA-Agent&version=0.2.0&logicId=ABCDEF12&deployment=prod&status=failed,running&from=24h&to=2026-11-21T11:00:00Z&q=run-1&limit=10");
    expect(params.filters).toEqual({
      workload: "QA-Agent",
      version: "0.2.0",
      logicId: "abcdef12",
      deployment: "prod",
      statuses: ["failed", "running"],
      fromNs: BigInt(NOW - 86_400_000) * 1_000_000n,
      toNs: BigInt(Date.parse("2026-11-21T11:00:00Z")) * 1_000_000n,
      q: "run-1",
    });
    expect(params.limit).toBe(10);
  });

  it("takes epoch milliseconds as a time", () => {
    expect(parse("from=1732190000000").filters.fromNs).toBe(1_732_190_000_000_000_000n);
  });

  it("ignores empty values", () => {
    expect(parse("workload=&status=&score=").filters).toEqual({});
  });

  it("reads up to three score filters, all of which a run must match", () => {
    const query = new URLSearchParams([
      ["score", "helpfulness < 3"],
      ["score", "grounded = false"],
      ["score", '"answer quality" >= 0.5'],
    ]);
    expect(parseRunListParams(query, NOW).filters.scores).toEqual([
      { name: "helpfulness", op: "<", value: 3 },
      { name: "grounded", op: "=", value: 0 },
      { name: "answer quality", op: ">=", value: 0.5 },
    ]);
    expect(parse("score=tone%20%3D%20rude").filters).toEqual({ scores: [{ name: "tone", op: "=", value: "rude" }] });
  });

  it.each([
    ["status=done", "status"],
    ["limit=0", "limit"],
    [`limit=${MAX_RUN_LIMIT + 1}`, "limit"],
    ["limit=ten", "limit"],
    ["from=yesterday", "from"],
    ["to=2026-13-45", "to"],
    ["from=2026-11-21&to=2026-11-20", "from"],
    ["logicId=xyz", "logicId"],
    ["cursor=nope", "cursor"],
    ["workload=a&workload=b", "workload"],
    [`q=${"x".repeat(201)}`, "q"],
    ["from=2300-01-01", "from"],
    ["from=999999999999999", "from"],
    ["to=999999w", "to"],
    ["workload=a%00b", "workload"],
    [`cursor=${Buffer.from(JSON.stringify(["99999999999999999999", "x"])).toString("base64url")}`, "cursor"],
    ["score=helpfulness", "score"],
    ["score=tone%20%3C%20rude", "score"],
    ["score=x%20%3C%201e999", "score"],
    [`score=${"n".repeat(257)}%3C1`, "score"],
    ["score=a%3C1&score=b%3C1&score=c%3C1&score=d%3C1", "score"],
    ["score=a%3C1&score=a%20%3D%3D%201", "score"],
  ])("refuses %s naming %s", (query, param) => {
    const error = paramError(query);
    expect(error.param).toBe(param);
    expect(error.message.startsWith(`${param}: `)).toBe(true);
  });
});

describe("run list cursors", () => {
  it("round-trips", () => {
    const cursor = { startNs: "1732190000000000001", runId: "run/é" };
    expect(parse(`cursor=${encodeRunListCursor(cursor)}`).cursor).toEqual(cursor);
  });

  it("refuses a cursor whose time is not a number", () => {
    const forged = Buffer.from(JSON.stringify(["1; drop table runs", "x"])).toString("base64url");
    expect(() => parse(`cursor=${forged}`)).toThrow(ParamError);
  });
});

describe("span and ledger parameters", () => {
  it("reads view, limit, node and cursors, and refuses what the database could not take", async () => {
    const { parseSpanListParams, parseLedgerParams, encodeSpanCursor } = await import("@/lib/runs/detail-params");
    const cursor = encodeSpanCursor({ startNs: "1732190000000000000", traceId: "t", spanId: "s" });
    expect(parseSpanListParams(new URLSearchParams(`view=summary&node=x/y&cursor=${cursor}`))).toEqual({
      full: false,
      limit: 10_000,
      cursor: { startNs: "1732190000000000000", traceId: "t", spanId: "s" },
      nodeName: "x/y",
    });
    for (const [query, param] of [
      ["view=raw", "view"],
      ["limit=1&limit=abc", "limit"],
      ["view=full&limit=1001", "limit"],
      ["node=a%00", "node"],
    ] as const) {
      expect(() => parseSpanListParams(new URLSearchParams(query)), query).toThrow(new RegExp(`^${param}: `));
    }
    const bigId = Buffer.from(JSON.stringify(["1", "99999999999999999999"])).toString("base64url");
    expect(() => parseLedgerParams(new URLSearchParams(`cursor=${bigId}`))).toThrow(/^cursor: /);
  });
});
