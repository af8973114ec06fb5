import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { researchWriterAgent } from "@/collector/testing/sdk-workloads";
import { startCodonTelemetry } from "@/sdk/otel";
import { exportRunLedger, verifyRunLedger } from "@/collector/ledger/verify";
import { verifyBundle } from "@/sdk/src/ledger-chain/bundle";
import { startLedgerChain } from "@/collector/ledger/ledger-job";
import { ephemeralSigningKey } from "@/collector/ledger/signing-key";
import { orderEvents, type ChainEvent } from "@/sdk/src/ledger-chain/chain";

// Issue 24: a run's ledger, sent by the SDK through the real collector, is sealed once the run
// finishes and signed into a checkpoint; editing, deleting, reordering or inserting an event in
// the database is caught (each case, at the event where it happened); late and re-delivered
// events do not break the chain; the exported bundle verifies offline and fails with one byte changed.

const run = promisify(execFile);

describe.each(testBackends())("the tamper-evident ledger on $name", (backend) => {
  const suite = collectorSuite(backend);
  const db = () => suite.db();

  async function sendRun(runId: string) {
    const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint: `http://127.0.0.1:${suite.collector.grpcPort}`, serviceName: "ledger-test" });
    try {
      await researchWriterAgent().execute("tidal power", { runId, deploymentId: "prod", observer: telemetry.observer });
    } finally {
      const stats = await telemetry.shutdown();
      expect(stats.spans.failed + stats.logs.failed).toBe(0);
    }
  }
  /** Seals what is due, then signs it (two passes: a pass in flight when asked may have begun before the ask). */
  async function sealAndSign() {
    await suite.collector.ledger.pass({ checkpoint: true });
    await suite.collector.ledger.pass({ checkpoint: true });
  }
  /** The run's events in canonical order (time, then digest), each with its row id. */
  async function canonicalRows(runId: string): Promise<(ChainEvent & { id: string })[]> {
    const { rows } = await sql<{ id: string; event_type: string; time: string; token_id: string | null; parent_token_id: string | null; source_node: string | null; target_node: string | null; lineage: string[]; metadata: ChainEvent["metadata"]; trace_id: string | null; span_id: string | null }>`
      select id::text, event_type, time_unix_nano::text as time, token_id, parent_token_id, source_node, target_node, lineage, metadata, trace_id, span_id
      from audit_events where tenant_id = 'default' and run_id = ${runId}`.execute(db());
    const withIds = rows.map((row) => ({
      id: row.id, type: row.event_type, time: row.time, tokenId: row.token_id, parentTokenId: row.parent_token_id, sourceNode: row.source_node,
      targetNode: row.target_node, lineage: row.lineage, metadata: row.metadata, traceId: row.trace_id, spanId: row.span_id,
    }));
    return orderEvents(withIds) as (ChainEvent & { id: string })[];
  }
  const events = async (runId: string) =>
    (await db().selectFrom("audit_events").select(["id", "event_type", "time_unix_nano", "token_id"]).where("run_id", "=", runId).orderBy("time_unix_nano").orderBy("id").execute());

  it("seals a finished run, signs it, and verifies; the bundle checks offline, with the CLI too, and fails with one byte changed", async () => {
    await sendRun("ledger-ok");
    expect((await verifyRunLedger(db(), "default", "ledger-ok")).status).toBe("pending");
    await suite.collector.ledger.pass();
    await suite.collector.ledger.pass();
    const sealed = await verifyRunLedger(db(), "default", "ledger-ok");
    expect(sealed).toMatchObject({ status: "pending", seal: 1, message: "sealed; waiting for the next signed checkpoint" });
    await sealAndSign();
    const verified = await verifyRunLedger(db(), "default", "ledger-ok");
    expect(verified.status).toBe("verified");
    expect(verified.eventCount).toBe((await events("ledger-ok")).length);
    expect(verified.eventCount).toBeGreaterThan(10);
    expect(verified.checkpoint?.keyId).toMatch(/^[0-9a-f]{16}$/);

    const bundle = (await exportRunLedger(db(), "default", "ledger-ok"))!;
    expect(verifyBundle(bundle)).toEqual({ status: "verified", problems: [] });
    expect(verifyBundle(bundle, { trustedKeyIds: ["0000000000000000"] }).status).toBe("broken");
    const text = JSON.stringify(bundle);
    // One byte: a digit of a token id in the middle of the events.
    const at = text.indexOf('"tokenId":"', text.length / 2) + 12;
    const changed = text.slice(0, at) + (text[at] === "a" ? "b" : "a") + text.slice(at + 1);
    expect(changed).not.toBe(text);
    expect(verifyBundle(JSON.parse(changed)).status).toBe("broken");

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-bundle-"));
    try {
      fs.writeFileSync(path.join(dir, "good.json"), text);
      fs.writeFileSync(path.join(dir, "bad.json"), changed);
      const good = await run("npx", ["tsx", "sdk/verify.ts", path.join(dir, "good.json"), "--key-id", verified.checkpoint!.keyId]);
      expect(good.stdout.trim()).toBe("verified");
      const bad = await run("npx", ["tsx", "sdk/verify.ts", path.join(dir, "bad.json")]).catch((error: { code: number; stdout: string }) => error);
      expect(bad).toMatchObject({ code: 1 });
      expect((bad as { stdout: string }).stdout).toMatch(/^broken\n {2}(events are not in canonical order|broken at event \d+)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("catches an edit, a deletion, a reordering and an insertion, each at its event", async () => {
    const cases = ["edit", "delete", "reorder", "insert"] as const;
    for (const kind of cases) await sendRun(`ledger-${kind}`);
    await sealAndSign();
    for (const kind of cases) expect((await verifyRunLedger(db(), "default", `ledger-${kind}`)).status, kind).toBe("verified");

    const victim = async (kind: string, index: number) => (await canonicalRows(`ledger-${kind}`))[index]!;
    await sql`update audit_events set metadata = ${JSON.stringify({ forged: true })}::text::jsonb where id = ${(await victim("edit", 3)).id}::int8`.execute(db());
    await sql`delete from audit_events where id = ${(await victim("delete", 3)).id}::int8`.execute(db());
    // The fourth event moved to before the first.
    const first = await victim("reorder", 0);
    await sql`update audit_events set time_unix_nano = ${(BigInt(first.time) - 1n).toString()}::int8 where id = ${(await victim("reorder", 3)).id}::int8`.execute(db());
    const model = await victim("insert", 3);
    await sql`
      insert into audit_events (tenant_id, run_id, dedupe_key, time_unix_nano, event_type, token_id, source_node, target_node, lineage, metadata)
      values ('default', 'ledger-insert', 'forged', ${model.time}::int8, 'token_enqueued', 'forged-token', 'writer', 'reviewer', '[]'::jsonb, '{}'::jsonb)`.execute(db());

    const edit = await verifyRunLedger(db(), "default", "ledger-edit");
    expect(edit).toMatchObject({ status: "broken", brokenAt: { index: 3 } });
    expect(edit.message).toMatch(/^broken at event 3: 1 sealed event\(s\) are gone or changed;/);
    expect(await verifyRunLedger(db(), "default", "ledger-delete")).toMatchObject({ status: "broken", brokenAt: { index: 3 } });
    // Order follows the content (time first), so a moved event is a changed one: caught where it was sealed.
    const reordered = await verifyRunLedger(db(), "default", "ledger-reorder");
    expect(reordered).toMatchObject({ status: "broken", brokenAt: { index: 3 } });
    expect(await verifyRunLedger(db(), "default", "ledger-insert")).toMatchObject({ status: "broken", message: "1 stored event(s) are in no seal and did not come through ingest (inserted?)" });
    // The sealer does not launder them: nothing marked the chains for another seal.
    await sealAndSign();
    for (const kind of cases) expect((await verifyRunLedger(db(), "default", `ledger-${kind}`)).status, kind).toBe("broken");
    // And each one's export fails the offline verifier.
    for (const kind of cases) expect(verifyBundle(await exportRunLedger(db(), "default", `ledger-${kind}`)).status, kind).toBe("broken");
  }, 90_000);

  it("seals late events again (recorded as a second seal) and ignores re-delivered ones", async () => {
    await sendRun("ledger-late");
    await sealAndSign();
    expect((await verifyRunLedger(db(), "default", "ledger-late")).status).toBe("verified");
    const late = [{ event_type: "review_note", timestamp: "2026-11-20T10:00:00Z", token_id: "late-1", source_node: "reviewer", target_node: null, metadata: { note: "added later" } }];
    expect((await suite.collector.exporter.exportLedger("ledger-late", late, "default")).stored).toBe(1);
    expect(await verifyRunLedger(db(), "default", "ledger-late")).toMatchObject({ status: "pending", message: "1 late event(s) wait for the next seal" });
    await sealAndSign();
    const resealed = await verifyRunLedger(db(), "default", "ledger-late");
    expect(resealed).toMatchObject({ status: "verified", seal: 2 });
    const seals = await db().selectFrom("ledger_seals").select(["seal", "reason"]).where("run_id", "=", "ledger-late").orderBy("seal").execute();
    expect(seals).toEqual([{ seal: 1, reason: "sealed once the run finished" }, { seal: 2, reason: "1 late event(s)" }]);
    // The same event again stores nothing and changes nothing.
    const stored = (await events("ledger-late")).length;
    await suite.collector.exporter.exportLedger("ledger-late", late, "default");
    expect((await events("ledger-late")).length).toBe(stored);
    await sealAndSign();
    expect(await verifyRunLedger(db(), "default", "ledger-late")).toMatchObject({ status: "verified", seal: 2, head: resealed.head });
    expect(verifyBundle(await exportRunLedger(db(), "default", "ledger-late")).status).toBe("verified");
  }, 60_000);

  it("keeps old checkpoints verifiable after the signing key is rotated", async () => {
    await sendRun("ledger-old-key");
    await sealAndSign();
    const before = await verifyRunLedger(db(), "default", "ledger-old-key");
    expect(before.status).toBe("verified");
    // Another key takes over (as a replaced key file would at the next start): the first key's job stops.
    await suite.collector.ledger.close();
    const rotated = startLedgerChain(db(), { key: ephemeralSigningKey(), firstPassMs: 3_600_000, sealIntervalMs: 3_600_000 });
    try {
      await sendRun("ledger-new-key");
      await rotated.pass({ checkpoint: true });
      await rotated.pass({ checkpoint: true });
      const after = await verifyRunLedger(db(), "default", "ledger-new-key");
      expect(after.status).toBe("verified");
      expect(after.checkpoint!.keyId).not.toBe(before.checkpoint!.keyId);
      expect(await verifyRunLedger(db(), "default", "ledger-old-key")).toMatchObject({ status: "verified", checkpoint: { keyId: before.checkpoint!.keyId } });
      expect(verifyBundle(await exportRunLedger(db(), "default", "ledger-old-key"), { trustedKeyIds: [before.checkpoint!.keyId, after.checkpoint!.keyId] }).status).toBe("verified");
    } finally {
      await rotated.close();
    }
  }, 60_000);
});
