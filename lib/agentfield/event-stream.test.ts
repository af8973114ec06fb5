import { describe, expect, it } from "vitest";
import { RunChangeHub } from "@/lib/runtime/run-changes";
import { workflowEventStream } from "@/lib/agentfield/event-stream";
import type { WorkflowSnapshot } from "@/lib/agentfield/events";
import { buildExecutions, type ExecutionRecord } from "@/lib/agentfield/map";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const at = (ms: number) => (T0 + BigInt(ms) * MS).toString();

function span(i: number, node: string): ExecutionRecord {
  return {
    traceId: String(i).padStart(32, "0"),
    spanId: String(i + 1).padStart(16, "0"),
    name: `codon.node.${node}`,
    nodeName: node,
    serviceName: null,
    workloadName: null,
    startNs: at(i * 10),
    endNs: at(i * 10 + 5),
    durationNs: (5n * MS).toString(),
    failed: false,
    statusMessage: null,
    spanParentId: null,
  };
}

const snapshot = (status: "running" | "completed", nodes: string[]): WorkflowSnapshot => ({
  run: { runId: "run-1", status, startNs: at(0), endNs: at(50), durationNs: (50n * MS).toString(), errorMessage: null },
  executions: buildExecutions("workflow", nodes.map((node, i) => span(i, node))),
  missingExecutions: 0,
});

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, seen: string[], until: (text: string) => boolean): Promise<boolean> {
  const decoder = new TextDecoder();
  while (!until(seen.join(""))) {
    const { done, value } = await reader.read();
    if (done) return true;
    seen.push(decoder.decode(value));
  }
  return false;
}

describe("workflowEventStream", () => {
  it("waits for an unknown run, sends its events as the hub reports changes, and closes after workflow.completed", async () => {
    const hub = new RunChangeHub();
    const abort = new AbortController();
    let current: WorkflowSnapshot | null = null;
    const stream = workflowEventStream({ tenantId: "default", workflowId: "run-1", load: async () => current, hub, signal: abort.signal, pollMs: 60_000, debounceMs: 1 });
    const reader = stream.getReader();
    const seen: string[] = [];
    await readAll(reader, seen, (t) => t.includes("retry:"));
    expect(hub.listenerCount).toBe(1);

    current = snapshot("running", ["plan"]);
    hub.publish({ tenantId: "other", runIds: ["run-1"] });
    hub.publish({ tenantId: "default", runIds: ["run-1"] });
    await readAll(reader, seen, (t) => t.includes("execution.completed"));
    expect(seen.join("")).toContain('id: 1\nevent: workflow.started\ndata: {"workflow_id":"run-1","status":"running"');
    expect(seen.join("")).toContain("id: 2\nevent: execution.started\n");

    current = snapshot("completed", ["plan", "write"]);
    hub.publish({ tenantId: "default", runIds: ["run-1"] });
    const closed = await readAll(reader, seen, () => false);
    expect(closed).toBe(true);
    const events = [...seen.join("").matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    expect(events).toEqual(["workflow.started", "execution.started", "execution.completed", "execution.started", "execution.completed", "workflow.completed"]);
    expect(hub.listenerCount).toBe(0);
  });

  it("polls for writes the hub does not see, keeps the connection alive, and lets go on abort", async () => {
    const hub = new RunChangeHub();
    const abort = new AbortController();
    let current: WorkflowSnapshot | null = null;
    const stream = workflowEventStream({ tenantId: "default", workflowId: "run-1", load: async () => current, hub, signal: abort.signal, pollMs: 10, keepAliveMs: 15 });
    const reader = stream.getReader();
    const seen: string[] = [];
    current = snapshot("running", ["plan"]);
    await readAll(reader, seen, (t) => t.includes("execution.completed") && t.includes(": keep-alive"));
    abort.abort();
    expect(hub.listenerCount).toBe(0);
    expect(await readAll(reader, seen, () => false)).toBe(true);
  });

  it("reports a failing load and keeps going", async () => {
    const abort = new AbortController();
    const errors: string[] = [];
    let calls = 0;
    const stream = workflowEventStream({
      tenantId: "default",
      workflowId: "run-1",
      load: async () => {
        if (++calls === 1) throw new Error("database restarting");
        return snapshot("completed", ["plan"]);
      },
      hub: new RunChangeHub(),
      signal: abort.signal,
      pollMs: 10,
      onError: (error) => errors.push(error.message),
    });
    const seen: string[] = [];
    expect(await readAll(stream.getReader(), seen, () => false)).toBe(true);
    expect(errors).toEqual(["database restarting"]);
    expect(seen.join("")).toContain("event: workflow.completed");
  });

  it("ends a stream for an id nothing arrived for with event: closed (not_found) once waitMs has passed", async () => {
    const hub = new RunChangeHub();
    let loads = 0;
    const started = Date.now();
    const stream = workflowEventStream({ tenantId: "default", workflowId: "nope", load: async () => (loads++, null), hub, signal: new AbortController().signal, waitMs: 80 });
    const seen: string[] = [];
    expect(await readAll(stream.getReader(), seen, () => false)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(seen.join("")).toMatch(/event: closed\ndata: \{"error":\{"code":"not_found","message":"No workflow nope: nothing of it arrived within 0.08 s"\}\}\n\n$/);
    // Read at once and at the deadline: nothing in between without a change notice.
    expect(loads).toBe(2);
    expect(hub.listenerCount).toBe(0);
  });

  it("a run that arrives within the wait is streamed as usual", async () => {
    const hub = new RunChangeHub();
    let current: WorkflowSnapshot | null = null;
    const stream = workflowEventStream({ tenantId: "default", workflowId: "run-1", load: async () => current, hub, signal: new AbortController().signal, waitMs: 200, debounceMs: 1 });
    const reader = stream.getReader();
    const seen: string[] = [];
    await readAll(reader, seen, (t) => t.includes("retry:"));
    current = snapshot("completed", ["plan"]);
    hub.publish({ tenantId: "default", runIds: ["run-1"] });
    expect(await readAll(reader, seen, () => false)).toBe(true);
    expect(seen.join("")).toContain("event: workflow.completed");
    expect(seen.join("")).not.toContain("event: closed");
  });

  it("reports a finished run whose ledger promises spans that never come once settleMs has passed, with no change notice", async () => {
    const hub = new RunChangeHub();
    const waiting = { ...snapshot("completed", ["plan"]), missingExecutions: 1 };
    const stream = workflowEventStream({ tenantId: "default", workflowId: "run-1", load: async () => waiting, hub, signal: new AbortController().signal, settleMs: 40 });
    const seen: string[] = [];
    expect(await readAll(stream.getReader(), seen, () => false)).toBe(true);
    expect(seen.join("")).toContain("event: workflow.completed");
  });
});
