import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends } from "@/lib/db/testing/backends";
import { priceOverrideInputSchema } from "@/lib/costs/pricing/override-input";
import { createPriceOverride, getRepriceJob } from "@/lib/costs/queries/price-overrides";
import { startRepricer } from "@/collector/pricing/repricer";
import { collectorSuite, send } from "@/collector/testing/collector-suite";
import { scriptedRunSpans } from "@/collector/testing/workflow-run";

// Repricing takes turns between tenants: a tenant with a long job does not keep another tenant's
// short job waiting until it ends, and the long job, preempted, resumes where it stopped.

const MODEL = "gpt-4o-mini-2024-07-18";

function run(runId: string): ReadableSpan[] {
  return scriptedRunSpans({
    runId,
    workload: "qa",
    version: "0.1.0",
    logicId: "f".repeat(64),
    deployment: "prod",
    startMs: Date.parse("2026-11-10T12:00:00Z"),
    activations: [{ node: "answer", role: "llm", atMs: 0, durationMs: 500, llm: { model: MODEL, vendor: "openai", inputTokens: 1000, outputTokens: 200 } }],
  });
}

describe.each(testBackends())("repricing turns on $name", (backend) => {
  const keys: Record<string, string> = {};
  const suite = collectorSuite(backend, {}, async (db) => {
    for (const tenant of ["big", "small"]) keys[tenant] = (await createApiKey(db, tenant, "exporter")).key;
  });

  async function sendAs(tenant: string, spans: ReadableSpan[]) {
    const exporter = new ProtoTraceExporter({ url: `http://127.0.0.1:${suite.collector.httpPort}/v1/traces`, headers: { "x-codon-api-key": keys[tenant]! } });
    await send(exporter, spans);
    await exporter.shutdown();
  }

  it("lets a later, short job of another tenant finish before a long one, which then completes in full", async () => {
    // This test drives its own repricer, in small batches and short turns.
    await suite.collector.repricer.close();
    await sendAs("big", Array.from({ length: 30 }, (_, i) => run(`big-${i}`)).flat());
    await sendAs("small", run("small-0"));

    const price = priceOverrideInputSchema.parse({ model: MODEL, effectiveFrom: "2026-11-01", inputUsdPerMtok: 1, outputUsdPerMtok: 4 });
    const bigJob = (await createPriceOverride(suite.db(), "big", price)).job;
    const smallJob = (await createPriceOverride(suite.db(), "small", price)).job;

    const repricer = startRepricer(suite.db(), { idleCutoffNs: () => 0n, pollMs: 60_000, batchSize: 4, turnMs: 1 });
    try {
      repricer.wake();
      await repricer.idle();
    } finally {
      await repricer.close();
    }

    const big = await getRepriceJob(suite.db(), "big", bigJob.id);
    const small = await getRepriceJob(suite.db(), "small", smallJob.id);
    expect(small).toMatchObject({ status: "completed", totalSpans: 2, doneSpans: 2, changedSpans: 2 });
    // Resumed, not restarted: every span counted once.
    expect(big).toMatchObject({ status: "completed", totalSpans: 60, doneSpans: 60, changedSpans: 60 });
    expect(Date.parse(small!.finishedAt!)).toBeLessThan(Date.parse(big!.finishedAt!));
    const repriced = await suite.db().selectFrom("spans").select(({ fn }) => fn.countAll<string>().as("n")).where("cost_source", "=", "override").executeTakeFirstOrThrow();
    expect(Number(repriced.n)).toBe(62);
  });
});
