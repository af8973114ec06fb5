/**
 * `npm run bench:payload`
 *
 * Bytes on disk per span when a span's input and output text is stored once (the collector
 * leaves the attribute it came from out of `attributes`) against twice (in the attribute and in
 * its text column, as before), for payloads of three sizes: 1,000 spans each, normalized by the
 * collector's own normalizeSpan and written by writeBatch into a fresh PGlite database. The
 * text is random words, which compress about as natural language does.
 */
import { sql } from "kysely";
import { normalizeSpan } from "@/collector/normalize/span";
import { makeDecodedSpan, spanIdOf } from "@/collector/normalize/testing";
import { writeBatch } from "@/collector/store/write-batch";
import { openPglite } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import type { NewSpan } from "@/lib/db/types";
// Seeded, so every run measures the same text.
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const words = "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their".split(" ");
const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join(" ");
for (const size of [60, 400, 1500]) {
  const rows: NewSpan[] = [];
  for (let i = 0; i < 1000; i++) {
    const attributes = { "codon.workload.run_id": `run-${i % 50}`, "codon.node.name": "plan", "codon.node.input": text(size), "codon.node.output": text(size) };
    rows.push(normalizeSpan(makeDecodedSpan({ spanId: spanIdOf(i + 1), name: "codon.node.plan", attributes }), { tenantId: "default", resource: {}, scope: { name: "", version: "", attributes: {} } }));
  }
  const twice = rows.map((r) => ({ ...r, attributes: { ...r.attributes, [r.input_attribute!]: r.input_text!, [r.output_attribute!]: r.output_text! }, input_attribute: null, output_attribute: null }));
  const sizes: number[] = [];
  for (const variant of [rows, twice]) {
    const db = await openPglite();
    await migrateToLatest(db.kysely);
    await writeBatch(db.kysely, { spans: variant, auditEvents: [], graphs: [], nodeSpecs: [] }, 0n);
    sizes.push(Number((await sql<{ n: string }>`select pg_total_relation_size('spans') as n`.execute(db.kysely)).rows[0]!.n) / 1000);
    await db.close();
  }
  console.log(`input and output of ~${size * 4} characters each: spans ${sizes[0]!.toFixed(0)} B/span stored once, ${sizes[1]!.toFixed(0)} B/span stored twice`);
}
