import { describe, expect, it } from "vitest";
import { hideExecutionContent, hideLedgerContent, hideLogContent, hideSpanContent, hideSpanListContent, withoutValues } from "@/lib/content-visibility/hide";
import type { Execution } from "@/lib/agentfield/types";
import type { LogLine } from "@/lib/logs/types";
import type { LedgerEvent, SpanDetail, SpanSummary } from "@/lib/runs/types";

const SECRET = "the secret";

function makeSummary(): SpanSummary {
  return { traceId: "t", spanId: "s", parentSpanId: null, name: "answer", nodeName: "answer", startTimeUnixNano: "1", endTimeUnixNano: "2", durationMs: 0, status: "ok", inputTokens: 3, outputTokens: 4, costUsd: null, modelName: "m" };
}

function makeSpan(): SpanDetail {
  return {
    ...makeSummary(),
    kind: 1, statusMessage: null, attempt: null, serviceName: "svc", nodeRole: null, nodespecId: null, modelVendor: null, requestModel: null, totalTokens: 7,
    cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, countsUsage: true, redactedCount: 0,
    input: SECRET, output: SECRET,
    attributes: { "codon.input": SECRET, n: 1 },
    resourceAttributes: { "service.name": "svc" },
    events: [{ name: "exception", timeUnixNano: "1", attributes: { "exception.message": SECRET } }, { name: "kv", attributes: [{ key: "k", value: { stringValue: SECRET } }] }],
    links: [{ traceId: "t2", spanId: "s2", attributes: { why: SECRET } }],
  };
}

describe("hiding content from viewers", () => {
  it("keeps attribute names, drops their values", () => {
    expect(withoutValues({ a: 1, b: { c: SECRET } })).toEqual({ a: null, b: null });
  });

  it("takes a span's payloads, attribute values, and its events' and links' attribute values, and flags it", () => {
    const hidden = hideSpanContent(makeSpan());
    expect(JSON.stringify(hidden)).not.toContain(SECRET);
    expect(hidden).toMatchObject({ input: null, output: null, attributes: { "codon.input": null, n: null }, contentHidden: true, inputTokens: 3, name: "answer" });
    expect(hidden.events).toEqual([{ name: "exception", timeUnixNano: "1", attributes: { "exception.message": null } }, { name: "kv", attributes: [{ key: "k", value: null }] }]);
    expect(hidden.links).toEqual([{ traceId: "t2", spanId: "s2", attributes: { why: null } }]);
    // The emitter's description is not content.
    expect(hidden.resourceAttributes).toEqual({ "service.name": "svc" });
  });

  it("leaves span summaries as they are: they hold no content", () => {
    const summary = makeSummary();
    expect(hideSpanListContent(summary)).toBe(summary);
  });

  it("takes log bodies and attribute values, ledger metadata values, and execution payloads", () => {
    const line: LogLine = { id: "l", timestamp: "x", timeUnixNano: "1", observedTimeUnixNano: null, severityNumber: 9, severityText: "INFO", body: SECRET, eventName: null, traceId: null, spanId: null, serviceName: "svc", scopeName: null, attributes: { card: SECRET }, resourceAttributes: {} };
    expect(hideLogContent(line)).toMatchObject({ body: null, attributes: { card: null }, severityText: "INFO", contentHidden: true });
    const event = { id: "e", eventType: "token_enqueued", timestamp: "x", timeUnixNano: "1", tokenId: "t", parentTokenId: null, sourceNode: "a", targetNode: "b", lineage: [], metadata: { payload_repr: SECRET } } satisfies LedgerEvent;
    expect(hideLedgerContent(event)).toMatchObject({ metadata: { payload_repr: null }, sourceNode: "a", contentHidden: true });
    const execution = { input: SECRET, output: SECRET, error: "boom" } as Execution;
    expect(hideExecutionContent(execution)).toEqual({ input: null, output: null, error: "boom", contentHidden: true });
  });
});
