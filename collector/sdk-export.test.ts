import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends } from "@/lib/db/testing/backends";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { listRunLedger } from "@/lib/runs/queries/run-spans";
import { NodeExecutionError } from "@/sdk";
import { startCodonTelemetry, type OtlpProtocol, type TelemetryOptions } from "@/sdk/otel";
import { startCollector, type Collector } from ".";
import { collectorSuite, testCollectorConfig } from "@/collector/testing/collector-suite";
import { failingToolAgent, researchWriterAgent } from "@/collector/testing/sdk-workloads";

// The TypeScript SDK exporting through real OTLP exporters into the real collector, per protocol.

describe.each(testBackends())("SDK telemetry into the collector on $name", (backend) => {
  const suite = collectorSuite(backend);
  const db = () => suite.db();
  const endpointFor = (protocol: OtlpProtocol, target: Collector) =>
    protocol === "grpc" ? `http://127.0.0.1:${target.grpcPort}` : `http://127.0.0.1:${target.httpPort}`;

  async function runAndExport(
    protocol: OtlpProtocol,
    run: (telemetry: ReturnType<typeof startCodonTelemetry>) => Promise<unknown>,
    options: TelemetryOptions = {},
    target: Collector = suite.collector,
  ) {
    const telemetry = startCodonTelemetry({ protocol, endpoint: endpointFor(protocol, target), serviceName: "research-writer", orgNamespace: "acme", ...options });
    try {
      await run(telemetry);
    } finally {
      await telemetry.shutdown();
    }
    return telemetry.shutdown();
  }


  it.each(["grpc", "http/protobuf", "http/json"] as const)("a run sent over %s appears with its nodes, ledger edges and cost", async (protocol) => {
    const agent = researchWriterAgent();
    const runId = `sdk-${protocol.replace("/", "-")}-${backend.name}`;
    let ledgerLength = 0;
    const stats = await runAndExport(protocol, async (telemetry) => {
      const report = await agent.execute("tidal power", { runId, deploymentId: "staging", observer: telemetry.observer });
      ledgerLength = report.ledger.length;
    });
    // 5 node spans + the agent.graph span; every ledger entry as a log record.
    expect(stats).toEqual({ spans: { sent: 6, failed: 0, lastError: null }, logs: { sent: ledgerLength, failed: 0, lastError: null } });

    const dag = await getRunDag(db(), "default", runId);
    expect(dag?.run).toMatchObject({
      workloadName: "Research Writer",
      workloadVersion: "0.2.0",
      logicId: agent.logicId,
      deploymentId: "staging",
      serviceName: "research-writer",
      status: "completed",
      inputTokens: 2000,
      outputTokens: 400,
    });
    // gpt-4o-mini list price: $0.15 in, $0.60 out per 1M tokens.
    expect(dag!.run.costUsd).toBeCloseTo((2000 * 0.15 + 400 * 0.6) / 1e6, 12);
    const activations = Object.fromEntries(dag!.nodes.map((node) => [node.name, node.activations]));
    expect(activations).toEqual({ planner: 1, writer: 2, reviewer: 2 });
    const edges = dag!.edges.map((edge) => `${edge.source}->${edge.target} ${edge.kind} x${edge.count}`).sort();
    expect(edges).toEqual(["planner->writer ledger x1", "reviewer->writer ledger x1", "writer->reviewer ledger x2"]);

    const { events: ledger } = await listRunLedger(db(), "default", runId, { limit: 100, cursor: null });
    expect(ledger).toHaveLength(ledgerLength);
    expect(ledger.find((event) => event.eventType === "review_verdict")?.metadata).toEqual({ round: 1, approved: false });
  });

  it("a failed node makes a failed run with the node's error", async () => {
    const agent = failingToolAgent();
    await runAndExport("grpc", (telemetry) =>
      expect(agent.execute("q", { runId: `sdk-failed-${backend.name}`, observer: telemetry.observer })).rejects.toBeInstanceOf(NodeExecutionError),
    );
    const dag = await getRunDag(db(), "default", `sdk-failed-${backend.name}`);
    expect(dag?.run.status).toBe("failed");
    expect(dag?.nodes.find((node) => node.name === "search")).toMatchObject({ status: "failed", errorMessage: "search API returned 503" });
  });

  // Last: once a key exists, the collector refuses key-less exports. A fresh collector, so no
  // cached "no keys yet" answer applies.
  describe("with an API key", () => {
    let keyed: Collector;
    let key: string;
    beforeAll(async () => {
      key = (await createApiKey(db(), "acme", "sdk")).key;
      keyed = await startCollector(testCollectorConfig(), suite.handle.database);
    });
    afterAll(async () => {
      await keyed?.close();
    });

    it.each(["grpc", "http/protobuf", "http/json"] as const)("CODON_API_KEY files the run under the key's tenant over %s; a wrong key is refused", async (protocol) => {
      const agent = researchWriterAgent();
      const runId = `sdk-keyed-${protocol.replace("/", "-")}-${backend.name}`;
      const stats = await runAndExport(protocol, (telemetry) => agent.execute("x", { runId, observer: telemetry.observer }), { apiKey: key }, keyed);
      expect(stats.spans).toEqual({ sent: 6, failed: 0, lastError: null });
      expect((await getRunDag(db(), "acme", runId))?.run.workloadName).toBe("Research Writer");

      const refused = await runAndExport(
        protocol,
        (telemetry) => agent.execute("x", { runId: `${runId}-bad`, observer: telemetry.observer }),
        { apiKey: "cok_wrong" },
        keyed,
      );
      expect(refused.spans).toMatchObject({ sent: 0, failed: 6 });
      expect(refused.spans.lastError).toMatch(/401|UNAUTHENTICATED|Unauthorized/i);
      expect(await getRunDag(db(), "acme", `${runId}-bad`)).toBeNull();
    });
  });
});
