import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCollector } from "@/scripts/build-collector.mjs";
import { openPglite } from "@/lib/db/client";
import { sparePort } from "@/lib/db/testing/private-postgres";
import { collectorEnv, startCollectorProcess, type CollectorProcess } from "@/collector/testing/collector-process";
import { encodeTraceRequest, makeCodonNodeSpans } from "@/collector/testing/otlp-payloads";

// `npm run collector` runs a bundle of collector/main.ts (scripts/build-collector.mjs), not the
// TypeScript through tsx: this builds one as that script does and runs it with the script's flags.
const collectorScript = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.collector!;

describe("the collector as npm run collector runs it: bundled, without tsx", () => {
  const folders: string[] = [];
  const cleanups: (() => void)[] = [];
  let child: CollectorProcess | null = null;
  afterAll(async () => {
    await child?.signal("SIGKILL");
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
    for (const cleanup of cleanups) cleanup();
  });

  it("starts, stores an export, and stops cleanly on SIGTERM", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "codon-bundled-"));
    folders.push(folder);
    // Beside the repository's node_modules, as .collector/main.mjs is: packages are not bundled.
    const bundle = await buildCollector("collector/main.ts", `.collector/test-main-${process.pid}.mjs`);
    cleanups.push(() => fs.rmSync(bundle, { force: true }), () => fs.rmSync(`${bundle}.map`, { force: true }));
    // Its flags come from the script, so the test runs what users run.
    const flags = /&& node (.*?)\s*\.collector\/main\.mjs$/.exec(collectorScript)?.[1]?.split(/\s+/);
    expect(flags).toContain("--max-old-space-size=384");
    expect(collectorScript.startsWith("node scripts/build-collector.mjs && node ")).toBe(true);
    const grpcPort = await sparePort();
    let httpPort = await sparePort();
    while (httpPort === grpcPort) httpPort = await sparePort();
    const dataDir = path.join(folder, "data");
    const env = collectorEnv({ DATABASE_URL: "", DATA_DIR: dataDir, OTLP_GRPC_PORT: String(grpcPort), OTLP_HTTP_PORT: String(httpPort), SPOOL_MAX_BYTES: "0" });
    child = await startCollectorProcess(env, { grpcPort, httpPort }, 90_000, [...flags!, bundle]);

    const body = Buffer.from(encodeTraceRequest(makeCodonNodeSpans("bundled-run", ["plan", "write"])));
    const response = await fetch(`http://127.0.0.1:${httpPort}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
    expect(response.status).toBe(200);
    const stopped = await child.signal("SIGTERM");
    child = null;
    expect(stopped.code).toBe(0);

    // What it stored, read with the data folder released.
    const database = await openPglite(dataDir);
    try {
      const run = await database.kysely.selectFrom("runs").select(["span_count"]).where("run_id", "=", "bundled-run").executeTakeFirst();
      expect(Number(run?.span_count)).toBe(2);
    } finally {
      await database.close();
    }
  }, 120_000);
});
