import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { writeBatch } from "@/collector/store/write-batch";
import { normalizeSpan } from "@/collector/normalize/span";
import { extractNodeSpec } from "@/collector/normalize/node-spec";
import { makeDecodedSpan } from "@/collector/normalize/testing";
import { migrations } from ".";

describe.each(testBackends())("the spec attributes migration on $name", (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("rolled back, puts the spec attributes back into the spans that left them out", async () => {
    const db = handle.database.kysely;
    const attributes = {
      "codon.workload.run_id": "run-down",
      "codon.nodespec.id": "c657086a302e9db957bc5e32fb50d0eba9f5db49bcd98d9755fe7e3e91d83298",
      "codon.nodespec.name": "finalize",
      "codon.nodespec.version": "0.1.0",
      "codon.nodespec.callable_signature": "finalize(message: Dict[str, Any], *, runtime, context)",
      "codon.nodespec.input_schema": '{"message": "typing.Dict[str, typing.Any]"}',
      "codon.node.latency_ms": 12,
    };
    const decoded = makeDecodedSpan({ name: "codon.node.finalize", attributes });
    const row = normalizeSpan(decoded, { tenantId: "default", resource: {}, scope: { name: "", version: "", attributes: {} } });
    await writeBatch(db, { spans: [row], auditEvents: [], graphs: [], nodeSpecs: [extractNodeSpec(decoded, {}, "default")!] }, 0n);
    const stored = () => db.selectFrom("spans").select(["attributes", "column_attributes"]).where("run_id", "=", "run-down").executeTakeFirstOrThrow();
    expect(Object.keys((await stored()).attributes)).not.toContain("codon.nodespec.input_schema");

    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo("2026_12_19_120000_span_column_attributes");
    expect(error).toBeUndefined();
    const after = await stored();
    // The spec's three are back; the identity attributes stay with their columns (bits 0-12).
    expect(after.attributes).toEqual({
      "codon.nodespec.version": "0.1.0",
      "codon.nodespec.callable_signature": attributes["codon.nodespec.callable_signature"],
      "codon.nodespec.input_schema": attributes["codon.nodespec.input_schema"],
      "codon.node.latency_ms": 12,
    });
    expect(after.column_attributes >> 20).toBe(0);
  });
});
