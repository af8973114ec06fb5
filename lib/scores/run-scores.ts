import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import type { DB, ScoresTable } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/not-found";
import { tenantRedactor } from "@/lib/redaction/tenant-redactor";
import { SCORE_LIMITS, scoreValue, type ParsedScoreInput } from "@/lib/scores/input";
import type { RunScore, ScoreSource } from "@/lib/scores/types";

/** Scores one read returns, newest first: a run's scores are a handful; a runaway sender's are cut here. */
export const MAX_RUN_SCORES = 1000;

/** A stored score with the node of its span (SCORE_COLUMNS). */
type ScoreRow = Pick<Selectable<ScoresTable>, "score_id" | "run_id" | "span_id" | "name" | "data_type" | "value" | "label" | "comment" | "source" | "author"> & {
  node_name: string | null;
  time_unix_nano: string;
};

const toScore = (row: ScoreRow): RunScore => ({
  id: row.score_id,
  runId: row.run_id,
  spanId: row.span_id,
  nodeName: row.node_name,
  name: row.name,
  dataType: row.data_type,
  value: row.value === null ? null : Number(row.value),
  label: row.label,
  comment: row.comment,
  source: row.source,
  author: row.author,
  time: new Date(Number(BigInt(row.time_unix_nano) / 1_000_000n)).toISOString(),
});

/** The node of a score's span comes from the span's row (by primary key), so a span stored after its score still names it. */
const SCORE_COLUMNS = sql`s.score_id, s.run_id, s.span_id, sp.node_name, s.name, s.data_type, s.value, s.label, s.comment, s.source,
  s.author, s.time_unix_nano::text as time_unix_nano`;
const SPAN_JOIN = sql`left join spans sp on sp.tenant_id = s.tenant_id and sp.trace_id = s.trace_id and sp.span_id = s.span_id`;

/** The run's scores, newest first (at most MAX_RUN_SCORES). */
export async function listRunScores(db: Kysely<DB>, tenantId: string, runId: string): Promise<RunScore[]> {
  const { rows } = await sql<ScoreRow>`
    select ${SCORE_COLUMNS} from scores s ${SPAN_JOIN}
    where s.tenant_id = ${tenantId} and s.run_id = ${runId}
    order by s.time_unix_nano desc, s.score_id
    limit ${MAX_RUN_SCORES}`.execute(db);
  return rows.map(toScore);
}

export interface ScoreAuthor {
  source: Exclude<ScoreSource, "telemetry">;
  author: string | null;
}

export class ScoreConflictError extends Error {
  override name = "ScoreConflictError";
}

/**
 * Records scores on a run. Throws NotFoundError when the run is not stored, ScoreTargetError when
 * a spanId is not one of the run's spans (or the run is full), ScoreConflictError when an id is
 * another run's score. An id sent again stores nothing and returns the score stored first.
 */
export async function recordRunScores(db: Kysely<DB>, tenantId: string, runId: string, inputs: readonly ParsedScoreInput[], by: ScoreAuthor): Promise<RunScore[]> {
  // Comments are what a reviewer typed: the tenant's redaction rules apply, as to what it sends (ADR 0012).
  const redactor = await tenantRedactor(db, tenantId);
  return db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom("runs").select("run_id").where("tenant_id", "=", tenantId).where("run_id", "=", runId).executeTakeFirst();
    if (!run) throw new NotFoundError(`No run ${runId}`);
    const { rows: counted } = await sql<{ n: string }>`
      select count(*)::text as n from (select 1 from scores where tenant_id = ${tenantId} and run_id = ${runId} limit ${SCORE_LIMITS.perRunFromApi}) s`.execute(trx);
    if (Number(counted[0]!.n) + inputs.length > SCORE_LIMITS.perRunFromApi) {
      throw new ScoreTargetError(`scores: a run holds at most ${SCORE_LIMITS.perRunFromApi} scores`);
    }
    const traces = await spanTraces(trx, tenantId, runId, inputs);
    const now = BigInt(Date.now()) * 1_000_000n;
    const rows = inputs.map((input, index) => {
      const { dataType, value, label } = scoreValue(input.value);
      const traceId = input.spanId === undefined ? null : traces.get(input.spanId);
      if (traceId === undefined) throw new ScoreTargetError(`${inputs.length > 1 ? `scores[${index}].` : ""}spanId: ${input.spanId} is not a span of run ${runId}`);
      return {
        tenant_id: tenantId,
        score_id: input.id ?? randomUUID(),
        run_id: runId,
        trace_id: traceId,
        span_id: input.spanId ?? null,
        name: input.name,
        data_type: dataType,
        value,
        label,
        comment: input.comment ? (redactor?.redact(input.comment).text ?? input.comment) : null,
        source: by.source,
        author: by.author,
        time_unix_nano: now.toString(),
      };
    });
    await trx.insertInto("scores").values(rows).onConflict((oc) => oc.columns(["tenant_id", "score_id"]).doNothing()).execute();
    const ids = rows.map((row) => row.score_id);
    const { rows: stored } = await sql<ScoreRow>`
      select ${SCORE_COLUMNS} from scores s ${SPAN_JOIN}
      where s.tenant_id = ${tenantId} and s.score_id = any(${ids}::text[])`.execute(trx);
    const byId = new Map(stored.map((row) => [row.score_id, row]));
    return ids.map((id) => {
      const row = byId.get(id)!;
      if (row.run_id !== runId) throw new ScoreConflictError(`id ${id} is already the id of a score on another run`);
      return toScore(row);
    });
  });
}

/** A score aimed at a span its run does not have. */
export class ScoreTargetError extends Error {
  override name = "ScoreTargetError";
}

/** The trace of each span id the inputs name, among the run's spans (absent: not the run's). */
async function spanTraces(db: Kysely<DB>, tenantId: string, runId: string, inputs: readonly ParsedScoreInput[]): Promise<Map<string, string>> {
  const spanIds = [...new Set(inputs.flatMap((input) => (input.spanId === undefined ? [] : [input.spanId])))];
  if (spanIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("spans")
    .select(["span_id", "trace_id"])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .where("span_id", "in", spanIds)
    .execute();
  return new Map(rows.map((row) => [row.span_id, row.trace_id]));
}

/** Removes one score of the run; false when there was none. */
export async function deleteRunScore(db: Kysely<DB>, tenantId: string, runId: string, scoreId: string): Promise<boolean> {
  const result = await db.deleteFrom("scores").where("tenant_id", "=", tenantId).where("run_id", "=", runId).where("score_id", "=", scoreId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
