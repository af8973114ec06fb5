/**
 * EXPLAIN ANALYZE of the SQL the query functions really send: a plugin records each statement's
 * operation tree, which is compiled again and run under EXPLAIN, so a slow plan is visible
 * without copying the queries here.
 */
import { CompiledQuery, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from "kysely";
import type { DB } from "@/lib/db/types";

class CapturePlugin implements KyselyPlugin {
  readonly queries: PluginTransformQueryArgs[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.queries.push(args);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Runs `call` against a recording handle and returns the compiled statements it executed. */
export async function captureQueries(db: Kysely<DB>, call: (db: Kysely<DB>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const plugin = new CapturePlugin();
  const recording = db.withPlugin(plugin);
  await call(recording);
  return plugin.queries.map((q) => recording.getExecutor().compileQuery(q.node, q.queryId));
}

/** The plan's top line, its execution time and the indexes (or sequential scans) it used. */
export async function explainSummary(db: Kysely<DB>, query: CompiledQuery): Promise<string> {
  const result = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze) ${query.sql}`, [...query.parameters]));
  const lines = result.rows.map((row) => Object.values(row)[0]!);
  const plan = lines.join("\n");
  const indexes = [...new Set([...plan.matchAll(/(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g)].map((m) => m[1]))];
  const seqScans = [...new Set([...plan.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1]))];
  const time = lines.find((line) => line.startsWith("Execution Time"));
  return [
    `    ${lines[0]!.trim()}`,
    `    ${time ?? ""}; indexes: ${indexes.join(", ") || "none"}${seqScans.length ? `; SEQ SCAN on ${seqScans.join(", ")}` : ""}`,
  ].join("\n");
}

/** The full plan text, for investigating a miss. */
export async function explainFull(db: Kysely<DB>, query: CompiledQuery): Promise<string> {
  const result = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]));
  return result.rows.map((row) => `    ${Object.values(row)[0]}`).join("\n");
}
