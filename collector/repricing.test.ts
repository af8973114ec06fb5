import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { priceOverrideInputSchema } from "@/lib/costs/pricing/override-input";
import { createPriceOverride, deletePriceOverride, getRepriceJob } from "@/lib/costs/queries/price-overrides";
import { listUnpricedModels } from "@/lib/costs/queries/unpriced-models";
import { collectorSuite, send } from "@/collector/testing/collector-suite";
import { scriptedRunSpans } from "@/collector/testing/workflow-run";

const PER_M = 1e6;
const TENANT = "default";
// gpt-4o-mini list prices: $0.15 in, $0.60 out per 1M tokens.
const LIBRARY_COST = (1000 * 0.15 + 200 * 0.6) / PER_M;

function codonRun(runId: string, startIso: string, model: string, vendor = "openai"): ReadableSpan[] {
  return scriptedRunSpans({
    runId,
    workload: "qa",
    version: "0.1.0",
    logicId: "e".repeat(64),
    deployment: "prod",
    startMs: Date.parse(startIso),
    activations: [{ node: "answer", role: "llm", atMs: 0, durationMs: 500, llm: { model, vendor, inputTokens: 1000, outputTokens: 200 } }],
  });
}

const price = (body: Record<string, unknown>) => priceOverrideInputSchema.parse(body);

describe.each(testBackends())("price overrides on $name", (backend) => {
  const suite = collectorSuite(backend);
  let exporter: ProtoTraceExporter;
  const db = () => suite.db();

  const sendSpans = (spans: ReadableSpan[]) => send(exporter, spans);
  const runCost = async (runId: string) =>
    Number((await db().selectFrom("runs").select("cost_usd").where("run_id", "=", runId).executeTakeFirstOrThrow()).cost_usd);
  const spanCosts = (runId: string) =>
    db().selectFrom("spans").select(["name", "cost_usd", "cost_source"]).where("run_id", "=", runId).orderBy("name").execute();
  const settle = async () => {
    suite.collector.repricer.wake();
    await suite.collector.repricer.idle();
  };

  beforeAll(async () => {
    exporter = new ProtoTraceExporter({ url: `http://127.0.0.1:${suite.collector.httpPort}/v1/traces` });
    await sendSpans([
      ...codonRun("october-run", "2026-10-15T12:00:00Z", "gpt-4o-mini-2024-07-18"),
      ...codonRun("november-run", "2026-11-10T12:00:00Z", "gpt-4o-mini-2024-07-18"),
      ...codonRun("acme-run", "2026-11-10T13:00:00Z", "acme-llm-9000", "acme"),
    ]);
  });
  afterAll(async () => {
    await exporter?.shutdown();
  });

  it("starts from library prices", async () => {
    expect(Math.abs((await runCost("october-run")) - LIBRARY_COST)).toBeLessThan(1e-9);
    expect(Math.abs((await runCost("november-run")) - LIBRARY_COST)).toBeLessThan(1e-9);
    expect(await runCost("acme-run")).toBe(0);
  });

  it("recomputes stored costs from the effective date on, in the background, with progress", async () => {
    const created = await createPriceOverride(
      db(),
      TENANT,
      price({ model: "gpt-4o-mini-2024-07-18", effectiveFrom: "2026-11-01", inputUsdPerMtok: 1, outputUsdPerMtok: 4 }),
    );
    expect(created.job).toMatchObject({ status: "queued", model: "gpt-4o-mini-2024-07-18" });
    await settle();

    const job = await getRepriceJob(db(), TENANT, created.job.id);
    // Both runs' node and agent.llm spans are in scope; only November's two changed.
    expect(job).toMatchObject({ status: "completed", totalSpans: 4, doneSpans: 4, changedSpans: 2, error: null });
    const override = (1000 * 1 + 200 * 4) / PER_M;
    expect(Math.abs((await runCost("november-run")) - override)).toBeLessThan(1e-9);
    expect((await spanCosts("november-run")).map((s) => s.cost_source)).toEqual(["override", "override"]);
    // Before the effective date the library's price stands.
    expect(Math.abs((await runCost("october-run")) - LIBRARY_COST)).toBeLessThan(1e-9);

    // The roll-ups the version compare and the costs page read follow.
    const node = await db().selectFrom("run_nodes").select("cost_usd").where("run_id", "=", "november-run").executeTakeFirstOrThrow();
    expect(Math.abs(Number(node.cost_usd) - override)).toBeLessThan(1e-9);
    const byModel = await db().selectFrom("run_models").select(["model_name", "cost_usd", "calls"]).where("run_id", "=", "november-run").execute();
    expect(byModel).toHaveLength(1);
    expect(byModel[0]).toMatchObject({ model_name: "gpt-4o-mini-2024-07-18", calls: 1 });
    expect(Math.abs(Number(byModel[0]!.cost_usd) - override)).toBeLessThan(1e-9);
  });

  it("prices new spans with the override at ingest", async () => {
    await sendSpans(codonRun("late-run", "2026-11-12T12:00:00Z", "gpt-4o-mini-2024-07-18"));
    expect((await spanCosts("late-run")).map((s) => s.cost_source)).toEqual(["override", "override"]);
    expect(Math.abs((await runCost("late-run")) - (1000 * 1 + 200 * 4) / PER_M)).toBeLessThan(1e-9);
  });

  it("prices an unpriced model, with cache prices defaulting to input, and takes it off the unpriced list", async () => {
    expect((await listUnpricedModels(db(), TENANT)).map((m) => m.model)).toEqual(["acme-llm-9000"]);
    expect(await listUnpricedModels(db(), TENANT, 0)).toEqual([]);
    await createPriceOverride(
      db(),
      TENANT,
      price({ model: "ACME-LLM-9000", provider: "acme", effectiveFrom: "2026-01-01T00:00:00Z", inputUsdPerMtok: 3, outputUsdPerMtok: 15 }),
    );
    await settle();
    expect(Math.abs((await runCost("acme-run")) - (1000 * 3 + 200 * 15) / PER_M)).toBeLessThan(1e-9);
    expect(await listUnpricedModels(db(), TENANT)).toEqual([]);
  });

  it("goes back to the library's price when the override is removed", async () => {
    const { overrides } = await import("@/lib/costs/queries/price-overrides").then((m) => m.listPriceOverrides(db(), TENANT));
    const mini = overrides.find((o) => o.model === "gpt-4o-mini-2024-07-18")!;
    const job = await deletePriceOverride(db(), TENANT, mini.id);
    await settle();
    expect(await getRepriceJob(db(), TENANT, job.id)).toMatchObject({ status: "completed", changedSpans: 4 });
    expect(Math.abs((await runCost("november-run")) - LIBRARY_COST)).toBeLessThan(1e-9);
    expect(Math.abs((await runCost("late-run")) - LIBRARY_COST)).toBeLessThan(1e-9);
    expect((await spanCosts("november-run")).map((s) => s.cost_source)).toEqual(["price_library", "price_library"]);
  });

  it("prices spans stored before pricing existed (the migration's backfill job)", async () => {
    // As a database from before pricing holds them: tokens, no cost.
    await sql`update spans set cost_usd = null, cost_source = null where run_id = 'october-run'`.execute(db());
    await sql`update runs set cost_usd = 0 where run_id = 'october-run'`.execute(db());
    const job = await db()
      .insertInto("reprice_jobs")
      .values({ tenant_id: TENANT, reason: "Price spans stored before pricing" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await settle();
    expect(await getRepriceJob(db(), TENANT, String(job.id))).toMatchObject({ status: "completed", model: null, totalSpans: 2, changedSpans: 2 });
    expect(Math.abs((await runCost("october-run")) - LIBRARY_COST)).toBeLessThan(1e-9);
  });
});
