import { sql, type Kysely } from "kysely";

// run_nodes stores no sketch when every activation fell in the bin of the shortest one, as when a
// node ran once in its run (lib/stats/duration-sketch.ts storedSketch): readers rebuild it from
// duration_min_ns and activations. Two one-element int4[] cost ~56 B a row, ~50 B per stored span
// in bench:ingest's shape, where each node runs once. The bin is binOf's, in float8 as there (a
// frozen copy: migrations never import app code).
const BIN_OF_MIN = sql`(case when duration_min_ns <= 0 then 0 else greatest(1, ceil(ln(duration_min_ns::float8) / ln(1.01::float8 / 0.99::float8))::int4) end)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table run_nodes
      alter column duration_bins drop not null, alter column duration_bins drop default,
      alter column duration_counts drop not null, alter column duration_counts drop default`.execute(db);
  await sql`
    update run_nodes set duration_bins = null, duration_counts = null
    where cardinality(duration_bins) = 1 and duration_min_ns is not null and duration_bins[1] = ${BIN_OF_MIN}`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update run_nodes set
      duration_bins = case when duration_min_ns is null or activations = 0 then '{}'::int4[] else array[${BIN_OF_MIN}] end,
      duration_counts = case when duration_min_ns is null or activations = 0 then '{}'::int4[] else array[activations] end
    where duration_bins is null`.execute(db);
  await sql`
    alter table run_nodes
      alter column duration_bins set default '{}', alter column duration_bins set not null,
      alter column duration_counts set default '{}', alter column duration_counts set not null`.execute(db);
}
