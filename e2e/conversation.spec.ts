import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { expect, test } from "@playwright/test";
import { sendSpans } from "@/e2e/send";

test("an LLM span shows the model it asked for, its cache tokens and its messages as a conversation, the raw text one click away", async ({ page }) => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": "support-bot" }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const start = Date.now() - 60_000;
  const span = provider.getTracer("e2e").startSpan("chat claude", {
    startTime: start,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "claude-3-5-haiku-latest",
      "gen_ai.response.model": "claude-3-5-haiku-20241022",
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": 9,
      "gen_ai.usage.cache_read.input_tokens": 100,
    },
  });
  // Content as Semantic Kernel and Strands send it: one span event per message.
  span.addEvent("gen_ai.user.message", { content: "Cancel order B-77" }, start + 1);
  span.addEvent("gen_ai.choice", { message: JSON.stringify({ role: "assistant", tool_calls: [{ id: "c1", function: { name: "cancel_order", arguments: '{"id":"B-77"}' } }] }) }, start + 2);
  span.end(start + 500);
  await sendSpans(exporter.getFinishedSpans(), "http");

  await page.goto(`/runs/${span.spanContext().traceId}`);
  await page.locator(`[data-testid="dag-node"][data-node-id="${span.spanContext().spanId}"]`).click();
  const inspector = page.getByTestId("node-inspector");
  await expect(inspector.getByTestId("inspector-request-model")).toContainText("asked for claude-3-5-haiku-latest");
  await expect(inspector.getByTestId("inspector-usage-details")).toContainText("100 cache read");
  const messages = inspector.getByTestId("conversation-message");
  await expect(messages.first()).toContainText("user");
  await expect(messages.first()).toContainText("Cancel order B-77");
  await expect(inspector.getByTestId("conversation-tool-call")).toContainText('cancel_order({"id":"B-77"})');
  await expect(inspector.getByTestId("inspector-input")).toBeHidden();
  await inspector.getByText("Raw").first().click();
  await expect(inspector.getByTestId("inspector-input")).toBeVisible();
  await expect(inspector.getByTestId("inspector-input")).toContainText('"content": "Cancel order B-77"');
});
