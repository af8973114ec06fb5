import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { PriceOverride } from "@/lib/costs/types";
import type { RunScore } from "@/lib/scores/types";
import { TextFilter } from "@/components/logs/log-list";
import { PricesTable } from "@/components/prices/prices-table";
import { ScoreRow } from "@/components/scores/run-scores/score-row";

// The controls drawn or left out by the rights a page passes down (lib/auth/rights.ts); the
// server render is what a viewer first gets, so it must hold no control the API would refuse.
const render = (element: ReactElement) => renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, element));

const score: RunScore = { id: "s1", runId: "r1", spanId: null, nodeName: null, name: "user_feedback", dataType: "boolean", value: 1, label: null, comment: null, source: "ui", author: "ada", time: "2026-12-07T00:00:00.000Z" };
const row = (onDelete: ((score: RunScore) => Promise<unknown>) | null) => render(createElement("table", null, createElement("tbody", null, createElement(ScoreRow, { score, nodeId: null, onSelectNode: () => {}, onDelete }))));
const price: PriceOverride = { id: "p1", model: "gpt-x", provider: null, effectiveFrom: "2026-12-01T00:00:00.000Z", inputUsdPerMtok: 1, outputUsdPerMtok: 2, cacheReadUsdPerMtok: null, cacheWriteUsdPerMtok: null, createdAt: "2026-12-01T00:00:00.000Z" };

describe("controls gated by rights", () => {
  it("a score row has a delete button only when deleting is allowed", () => {
    expect(row(async () => undefined)).toContain('data-testid="score-delete"');
    const readOnly = row(null);
    expect(readOnly).not.toContain('data-testid="score-delete"');
    expect(readOnly).toContain('data-testid="score-row"');
  });

  it("the message search is an input, or a note saying viewers cannot search", () => {
    const allowed = renderToStaticMarkup(createElement(TextFilter, { value: "", onChange: () => {} }));
    expect(allowed).toContain('data-testid="logs-filter-text"');
    const refused = renderToStaticMarkup(createElement(TextFilter, { value: "typed", onChange: () => {}, allowed: false }));
    expect(refused).not.toContain("<input");
    expect(refused).toContain("Viewers can&#x27;t search messages here");
  });

  it("a price row offers delete only to those who may change prices", () => {
    const overrides = [price];
    expect(render(createElement(PricesTable, { overrides, mayDelete: true }))).toMatch(/<button[^>]*>Delete<\/button>/);
    const readOnly = render(createElement(PricesTable, { overrides, mayDelete: false }));
    expect(readOnly).toContain("gpt-x");
    expect(readOnly).not.toContain("<button");
  });
});
