/**
 * `npm run demo`: sends two weeks of example agent runs to a running collector through the
 * TypeScript SDK, so every dashboard page has data. Endpoints: see demo/targets.ts.
 */
import { canConnect } from "@/demo/preflight";
import { runDemo, type DemoSummary } from "@/demo/run-demo";
import { demoAnchor, HISTORY_DAYS } from "@/demo/schedule";
import { demoSettings, type DemoSettings } from "@/demo/targets";

async function main(): Promise<number> {
  let settings: DemoSettings;
  try {
    settings = demoSettings();
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  for (const [transport, url] of [["gRPC", settings.grpc], ["HTTP", settings.http]] as const) {
    if (!(await canConnect(url))) {
      console.error(`demo: nothing is listening for OTLP/${transport} at ${url}.`);
      console.error("Start the collector and dashboard first (npm start), or set OTEL_EXPORTER_OTLP_ENDPOINT / OTLP_GRPC_PORT / OTLP_HTTP_PORT.");
      return 1;
    }
  }
  const anchor = demoAnchor();
  console.log(`Sending ${HISTORY_DAYS} days of example runs (up to ${new Date(anchor).toISOString()}) to ${settings.grpc} (gRPC) and ${settings.http} (HTTP)…`);
  const summary = await runDemo(settings, anchor);
  printSummary(summary, settings);
  const failed = summary.transports.grpc.spans.failed + summary.transports.http.spans.failed + summary.transports.grpc.logs.failed + summary.transports.http.logs.failed;
  if (failed > 0) {
    const error = summary.transports.grpc.spans.lastError ?? summary.transports.http.spans.lastError ?? summary.transports.grpc.logs.lastError ?? summary.transports.http.logs.lastError;
    console.error(`\ndemo: ${failed} spans/log records were not accepted: ${error ?? "unknown error"}`);
    if (/401|UNAUTHENTICATED|Unauthorized/i.test(error ?? "")) console.error("API keys are enabled on this collector: set CODON_API_KEY to one of them.");
    return 1;
  }
  return 0;
}

function printSummary(summary: DemoSummary, settings: DemoSettings): void {
  const rows = summary.versions.map((v) => [
    v.workload,
    v.version,
    v.logicId.slice(0, 12),
    String(v.runs),
    String(v.failedRuns),
    v.deployments.join(", "),
    (v.inputTokens + v.outputTokens).toLocaleString("en-US"),
    v.answerQuality.toFixed(2),
    v.change,
  ]);
  const header = ["workload", "version", "logic id", "runs", "failed", "deployments", "tokens", "quality", "what changed"];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${line(widths.map((w) => "-".repeat(w)))}`);
  for (const row of rows) console.log(line(row));
  const { grpc, http } = summary.transports;
  console.log(`\n${summary.runs} runs (${summary.failedRuns} failed, on purpose: a flaky tool).`);
  console.log(`gRPC: ${grpc.spans.sent} spans, ${grpc.logs.sent} log records. HTTP/protobuf: ${http.spans.sent} spans, ${http.logs.sent} log records.`);
  console.log(`Log records are the audit ledger plus ${summary.scoreRecords} answer_quality scores (one per run; "quality" is their mean per version).`);
  console.log("Running the demo again within the hour sends the same ids, which the collector ignores.");
  console.log(`\nOpen the dashboard: ${settings.dashboardUrl}/`);
  const reviewerRun = summary.latestRunByWorkload["Draft Reviewer"];
  if (reviewerRun) console.log(`A run with a review loop: ${settings.dashboardUrl}/runs/${reviewerRun}`);
  console.log(`Versions of the QA agent: ${settings.dashboardUrl}/workloads/${encodeURIComponent("QA-Agent")}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("demo failed:", error);
    process.exit(1);
  },
);
