import { sql, type RawBuilder } from "kysely";

/** duration-sketch.ts's binOf in SQL, in float8 as there, of an int8 duration in nanoseconds. */
export function binOfSql(durationNs: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(case when ${durationNs} <= 0 then 0 else greatest(1, ceil(ln(${durationNs}::float8) / ln(1.01::float8 / 0.99::float8))::int4) end)`;
}

/**
 * A run_nodes row's sketch as two int4[] columns `duration_bins` and `duration_counts`, rebuilt
 * where the row stores none (duration-sketch.ts storedSketch): every activation in the bin of
 * the shortest. `alias` names the run_nodes row.
 */
export function storedSketchColumns(alias: string): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const min = sql`${column("duration_min_ns")}`;
  return sql`coalesce(${column("duration_bins")}, case when ${min} is null or ${column("activations")} = 0 then '{}'::int4[] else array[${binOfSql(min)}] end) as duration_bins,
    coalesce(${column("duration_counts")}, case when ${min} is null or ${column("activations")} = 0 then '{}'::int4[] else array[${column("activations")}] end) as duration_counts`;
}
