import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failingToolAgent, researchWriterAgent } from "@/collector/testing/sdk-workloads";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { serverRuntime } from "@/lib/runtime/registry";
import { wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import type { Execution, ExecutionPage, Workflow } from "@/lib/agentfield/types";
import { CodonWorkload, NodeExecutionError } from "@/sdk";
import { startCodonTelemetry } from "@/sdk/otel";
import { GET as getExecution } from "@/app/api/v1/executions/[id]/route";
import { GET as getEvents } from "@/app/api/v1/workflows/[id]/events/route";
import { GET as getExecutions } from "@/app/api/v1/workflows/[id]/executions/route";
import { GET as getWorkflow } from "@/app/api/v1/workflows/[id]/route";

// The workflow endpoints end to end: the TypeScript SDK exports runs through real OTLP exporters
// into the real collector, and the route handlers read them as the server would serve them.

const EXECUTION_ID = /^[0-9a-f]{32}-[0-9a-f]{16}$/;

interface SseEvent {
  id: string | null;
  event: string;
  data: Record<string, unknown>;
}

/** Reads SSE frames until `until` holds or the stream ends; `closed` says which. */
async function readEvents(body: ReadableStream<Uint8Array>, until: (events: SseEvent[]) => boolean = () => false): Promise<{ events: SseEvent[]; closed: boolean; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  while (!until(events)) {
    const { done, value } = await reader.read();
    if (done) return { events, closed: true, reader };
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of frame.split("\n")) {
        const colon = line.indexOf(":");
        if (colon <= 0) continue; // a comment (keep-alive) or nothing
        fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      const event = fields.get("event");
      if (event) events.push({ id: fields.get("id") ?? null, event, data: JSON.parse(fields.get("data") ?? "null") as Record<string, unknown> });
    }
  }
  return { events, closed: false, reader };
}

const context = (id: string) => ({ params: Promise.resolve({ id }) });
const request = (path: string, init?: RequestInit) => new Request(`http://x${path}`, init);

describe.each(testBackends())("workflow API on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  const runtime = serverRuntime();

  async function exportRun(agent: CodonWorkload, runId: string, fails = false) {
    const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${server.collector().grpcPort}`, serviceName: "research-writer", orgNamespace: "acme" });
    try {
      const run = agent.execute("tidal power", { runId, deploymentId: "staging", observer: telemetry.observer });
      if (fails) await expect(run).rejects.toBeInstanceOf(NodeExecutionError);
      else await run;
    } finally {
      const stats = await telemetry.shutdown();
      expect(stats.spans.failed + stats.logs.failed).toBe(0);
    }
  }

  beforeAll(async () => {
    handle = await backend.open();
    server = await wireServerRuntime(handle.database);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  describe("events", () => {
    let live: SseEvent[] = [];
    const runId = `wf-live-${backend.name}`;

    it("a client connected before the run's first span receives every execution, then workflow.completed, then the end of the stream", async () => {
      const listeners = runtime.changes.listenerCount;
      const response = await getEvents(request(`/api/v1/workflows/${runId}/events`), context(runId));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(runtime.changes.listenerCount).toBe(listeners + 1);
      const reading = readEvents(response.body!);

      await exportRun(researchWriterAgent(), runId);
      const { events, closed } = await reading;
      live = events;
      expect(closed).toBe(true);
      expect(runtime.changes.listenerCount).toBe(listeners);

      expect(events[0]).toMatchObject({ event: "workflow.started", data: { workflow_id: runId, status: "running" } });
      expect(events.at(-1)).toMatchObject({ event: "workflow.completed", data: { workflow_id: runId, status: "completed", error: null } });
      expect(events.map((e) => e.id)).toEqual(events.map((_, i) => String(i + 1)));
      const reasoners = (name: string) => events.filter((e) => e.event === name).map((e) => e.data.reasoner_name);
      expect(reasoners("execution.started")).toEqual(["planner", "writer", "reviewer", "writer", "reviewer"]);
      expect(reasoners("execution.completed")).toEqual(["planner", "writer", "reviewer", "writer", "reviewer"]);
      expect(events.filter((e) => e.event === "execution.failed")).toEqual([]);
      // Each execution's start comes before its end; every event names its workflow.
      for (const done of events.filter((e) => e.event === "execution.completed")) {
        const startedAt = events.findIndex((e) => e.event === "execution.started" && e.data.execution_id === done.data.execution_id);
        expect(startedAt).toBeGreaterThanOrEqual(0);
        expect(startedAt).toBeLessThan(events.indexOf(done));
        expect(done.data).toMatchObject({ workflow_id: runId, status: "completed", agent_node_id: "research-writer", error: null });
        expect(done.data.execution_id).toMatch(EXECUTION_ID);
        expect(typeof done.data.duration_ms).toBe("number");
        expect(Date.parse(String(done.data.timestamp))).not.toBeNaN();
      }
      // The executions the stream reported are the workflow's nodes.
      const workflow = (await (await getWorkflow(request(`/api/v1/workflows/${runId}`), context(runId))).json()) as Workflow;
      expect(events.filter((e) => e.event === "execution.completed").map((e) => e.data.execution_id)).toEqual(workflow.nodes.map((n) => n.execution_id));
    });

    it("a client connecting after the run finished gets the same events replayed, then the end", async () => {
      const response = await getEvents(request(`/api/v1/workflows/${runId}/events`), context(runId));
      const { events, closed } = await readEvents(response.body!);
      expect(closed).toBe(true);
      const shape = (list: SseEvent[]) => list.map((e) => `${e.event} ${String(e.data.execution_id ?? "")} ${String(e.data.reasoner_name ?? e.data.status)}`);
      expect(shape(events)).toEqual(shape(live));
      expect(events.length).toBe(12);
    });

    it("a failed node: execution.failed with its error, then workflow.completed with status failed", async () => {
      const failedRun = `wf-failed-${backend.name}`;
      const response = await getEvents(request(`/api/v1/workflows/${failedRun}/events`), context(failedRun));
      const reading = readEvents(response.body!);
      await exportRun(failingToolAgent(), failedRun, true);
      const { events, closed } = await reading;
      expect(closed).toBe(true);
      expect(events.map((e) => `${e.event} ${String(e.data.reasoner_name ?? e.data.status)}`)).toEqual([
        "workflow.started running",
        "execution.started plan",
        "execution.completed plan",
        "execution.started search",
        "execution.failed search",
        "workflow.failed failed",
        "workflow.completed failed",
      ]);
      expect(events[4]!.data).toMatchObject({ status: "failed", error: expect.stringContaining("search API returned 503") });
      expect(events.at(-1)!.data).toMatchObject({ workflow_id: failedRun, status: "failed", error: expect.stringContaining("search API returned 503") });
    });

    it("a client that disconnects releases its hub subscription", async () => {
      const listeners = runtime.changes.listenerCount;
      const abort = new AbortController();
      const response = await getEvents(request("/api/v1/workflows/never-sent/events", { signal: abort.signal }), context("never-sent"));
      expect(response.status).toBe(200);
      expect(runtime.changes.listenerCount).toBe(listeners + 1);
      const reading = readEvents(response.body!);
      abort.abort();
      expect(runtime.changes.listenerCount).toBe(listeners);
      expect(await reading).toMatchObject({ events: [], closed: true });
    });

    it("refuses an id that is not one", async () => {
      const response = await getEvents(request("/api/v1/workflows/x/events"), context("x".repeat(201)));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_parameter" } });
    });
  });

  describe("JSON endpoints", () => {
    const runId = `wf-json-${backend.name}`;
    let workflow: Workflow;

    beforeAll(async () => {
      await exportRun(researchWriterAgent(), runId);
      const response = await getWorkflow(request(`/api/v1/workflows/${runId}`), context(runId));
      expect(response.status).toBe(200);
      workflow = (await response.json()) as Workflow;
    });

    it("GET /workflows/{id}: executions with parents through the loop, and the edges between them", () => {
      expect(workflow).toMatchObject({ workflow_id: runId, status: "completed", omitted_nodes: 0 });
      expect(Date.parse(workflow.started_at)).not.toBeNaN();
      expect(workflow.duration_ms).toBeGreaterThanOrEqual(0);
      const nodes = workflow.nodes;
      expect(nodes.map((n) => n.reasoner_name)).toEqual(["planner", "writer", "reviewer", "writer", "reviewer"]);
      expect(nodes.map((n) => n.parent_execution_id)).toEqual([null, ...nodes.slice(0, 4).map((n) => n.execution_id)]);
      expect(workflow.edges).toEqual(nodes.slice(1).map((n, i) => ({ from: nodes[i]!.execution_id, to: n.execution_id })));
      for (const node of nodes) {
        expect(node).toMatchObject({ agent_node_id: "research-writer", status: "completed" });
        expect(node.execution_id).toMatch(EXECUTION_ID);
        expect(Object.keys(node).sort()).toEqual(["agent_node_id", "duration_ms", "execution_id", "parent_execution_id", "reasoner_name", "started_at", "status"]);
      }
    });

    it("GET /executions/{id}: one execution with input, output, timing and its workflow; 404 unknown, 400 malformed", async () => {
      const second = workflow.nodes[3]!;
      const response = await getExecution(request(`/api/v1/executions/${second.execution_id}`), context(second.execution_id));
      expect(response.status).toBe(200);
      const execution = (await response.json()) as Execution;
      expect(execution).toMatchObject({ ...second, workflow_id: runId, error: null });
      expect(execution.input).toContain("tidal power");
      expect(execution.output).toContain("draft 2");
      expect(Date.parse(execution.completed_at!)).toBeGreaterThanOrEqual(Date.parse(execution.started_at));

      const unknown = "0".repeat(31) + "1-" + "0".repeat(15) + "1";
      const missing = await getExecution(request(`/api/v1/executions/${unknown}`), context(unknown));
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: "not_found", message: `No execution ${unknown}` } });
      const malformed = await getExecution(request("/api/v1/executions/exec_123"), context("exec_123"));
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ error: { code: "invalid_parameter" } });
    });

    it("404 for an unknown workflow, on the workflow and its executions", async () => {
      for (const response of [
        await getWorkflow(request("/api/v1/workflows/nope"), context("nope")),
        await getExecutions(request("/api/v1/workflows/nope/executions"), context("nope")),
      ]) {
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: { code: "not_found", message: "No workflow nope" } });
      }
    });

    it("GET /workflows/{id}/executions pages with limit and cursor, in start order", async () => {
      const seen: Execution[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const response = await getExecutions(request(`/api/v1/workflows/${runId}/executions?${query}`), context(runId));
        expect(response.status).toBe(200);
        const page = (await response.json()) as ExecutionPage;
        expect(page.workflow_id).toBe(runId);
        expect(page.executions.length).toBeLessThanOrEqual(2);
        seen.push(...page.executions);
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen.map((e) => e.execution_id)).toEqual(workflow.nodes.map((n) => n.execution_id));
      expect(seen.map((e) => e.parent_execution_id)).toEqual(workflow.nodes.map((n) => n.parent_execution_id));
      expect(seen.every((e) => e.workflow_id === runId && e.input !== null && e.output !== null && e.error === null)).toBe(true);

      const all = (await (await getExecutions(request(`/api/v1/workflows/${runId}/executions`), context(runId))).json()) as ExecutionPage;
      expect(all.executions).toEqual(seen);
      expect(all.next_cursor).toBeNull();
    });

    it("400 invalid_parameter for a bad limit or cursor", async () => {
      for (const query of ["limit=0", "limit=1001", "limit=ten", "cursor=not-a-cursor"]) {
        const response = await getExecutions(request(`/api/v1/workflows/${runId}/executions?${query}`), context(runId));
        expect(response.status, query).toBe(400);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("invalid_parameter");
        expect(body.error.message).toMatch(/^(limit|cursor): /);
      }
    });
  });
});
