import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Activation } from "@/components/runs/node-inspector/activation";
import { hideSpanContent } from "@/lib/content-visibility/hide";
import type { SpanDetail } from "@/lib/runs/types";

function makeSpan(): SpanDetail {
  return {
    traceId: "t", spanId: "s", parentSpanId: null, name: "answer", nodeName: "answer", startTimeUnixNano: "1000000", endTimeUnixNano: "2000000", durationMs: 1, status: "ok",
    inputTokens: null, outputTokens: null, costUsd: null, modelName: null, kind: 1, statusMessage: null, attempt: null, serviceName: null, nodeRole: null, nodespecId: null,
    modelVendor: null, requestModel: null, totalTokens: null, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, countsUsage: true, redactedCount: 0,
    input: "what the user typed", output: "what the model said", attributes: { "app.prompt": "what the user typed" }, resourceAttributes: {}, events: [], links: [],
  };
}

const render = (span: SpanDetail) => renderToStaticMarkup(createElement(Activation, { span, index: 0, open: true }));

describe("an activation in the node inspector", () => {
  it("shows its input, output and attributes", () => {
    const html = render(makeSpan());
    expect(html).toContain("what the user typed");
    expect(html).toContain("what the model said");
    expect(html).not.toContain("Hidden for viewers");
  });

  it("says the content is hidden for viewers, not that none was recorded, when the server took it out", () => {
    const html = render(hideSpanContent(makeSpan()));
    expect(html.match(/data-testid="inspector-(input|output)"[^>]*data-content-hidden="true"/g)).toHaveLength(2);
    expect(html).toContain("app.prompt");
    expect(html).not.toContain("none recorded");
    expect(html).not.toContain("what the user typed");
  });
});
