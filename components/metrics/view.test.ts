import { describe, expect, it } from "vitest";
import { parseInstant, parseMetricView, resolveWindow, windowId, windowPhrase } from "@/components/metrics/view";

const NOW = Date.parse("2026-03-04T12:00:00Z");
const view = (query: string) => parseMetricView(new URLSearchParams(query), NOW);

describe("parseMetricView", () => {
  it("defaults to the last hour, nothing chosen, p95", () => {
    expect(view("")).toEqual({ service: null, metric: null, window: { kind: "preset", key: "1h" }, groupBy: null, quantile: "p95" });
  });

  it("reads a preset window and every choice", () => {
    expect(view("service=checkout&metric=http.server.duration&from=7d&groupBy=http.route&quantile=p99")).toEqual({
      service: "checkout",
      metric: "http.server.duration",
      window: { kind: "preset", key: "7d" },
      groupBy: "http.route",
      quantile: "p99",
    });
  });

  it("reads a fixed window as ISO or epoch ms, ending now when `to` is missing", () => {
    expect(view("from=2026-03-04T10:00:00Z&to=2026-03-04T11:00:00.000Z").window).toEqual({ kind: "fixed", fromMs: Date.parse("2026-03-04T10:00:00Z"), toMs: Date.parse("2026-03-04T11:00:00Z") });
    expect(view(`from=${NOW - 60_000}`).window).toEqual({ kind: "fixed", fromMs: NOW - 60_000, toMs: NOW });
  });

  it("falls back to defaults for unreadable or backwards values", () => {
    expect(view("from=yesterday&quantile=p42&service=%20&groupBy=").window).toEqual({ kind: "preset", key: "1h" });
    expect(view("from=2026-03-04T11:00:00Z&to=2026-03-04T10:00:00Z").window).toEqual({ kind: "preset", key: "1h" });
    expect(view("quantile=p42&service=%20&groupBy=")).toMatchObject({ quantile: "p95", service: null, groupBy: null });
  });
});

describe("windows", () => {
  it("resolves a preset to end now and keeps a fixed window as it is", () => {
    expect(resolveWindow({ kind: "preset", key: "6h" }, NOW)).toEqual({ fromMs: NOW - 6 * 3_600_000, toMs: NOW });
    expect(resolveWindow({ kind: "fixed", fromMs: 1, toMs: 2 }, NOW)).toEqual({ fromMs: 1, toMs: 2 });
  });

  it("names a window for keys and for people", () => {
    expect(windowId({ kind: "preset", key: "24h" })).toBe("24h");
    expect(windowId({ kind: "fixed", fromMs: 1, toMs: 2 })).toBe("1-2");
    expect(windowPhrase({ kind: "preset", key: "1h" })).toBe("the last hour");
    expect(windowPhrase({ kind: "fixed", fromMs: Date.parse("2026-03-04T10:00:00Z"), toMs: Date.parse("2026-03-04T10:40:00Z") })).toBe("2026-03-04 10:00 – 10:40 UTC");
    expect(windowPhrase({ kind: "fixed", fromMs: Date.parse("2026-03-04T23:00:00Z"), toMs: Date.parse("2026-03-05T01:00:00Z") })).toBe("2026-03-04 23:00 – 2026-03-05 01:00 UTC");
  });

  it("reads instants", () => {
    expect(parseInstant("1700000000000")).toBe(1_700_000_000_000);
    expect(parseInstant("not a time")).toBeNull();
    expect(parseInstant(null)).toBeNull();
  });
});
