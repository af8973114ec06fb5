import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewScore } from "@/lib/db/types";
import { parseRunListParams } from "@/lib/runs/list-params";
import { listRuns } from "@/lib/runs/queries/run-list";
import { MAX_BRIEF_NAMES, runScoreBriefs } from "@/lib/scores/run-briefs";

const T0 = 1_732_190_000_000_000_000n;
let nextId = 0;

/** A stored score; the data type follows the value as the API stores it (a boolean is 1 / 0). */
function score(runId: string, name: string, value: number | boolean | string, extra: Partial<NewScore> = {}): NewScore {
  const typed =
    typeof value === "string"
      ? { data_type: "categorical" as const, value: null, label: value }
      : typeof value === "boolean"
        ? { data_type: "boolean" as const, value: value ? 1 : 0, label: String(value) }
        : { data_type: "numeric" as const, value, label: null };
  return { tenant_id: "default", score_id: `s-${nextId++}`, run_id: runId, name, source: "api", time_unix_nano: T0.toString(), ...typed, ...extra };
}

const RUNS = ["run-a", "run-b", "run-c", "run-d", "run-e", "run-f"];

describe.each(testBackends())("scores on the runs list on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const list = async (query: string | [string, string][], tenant = "default") => {
    const page = await listRuns(db(), tenant, parseRunListParams(new URLSearchParams(query)));
    return page.runs.map((run) => run.runId).sort();
  };

  beforeAll(async () => {
    handle = await backend.open();
    await db().insertInto("tenants").values({ id: "other", name: "Other" }).execute();
    await db()
      .insertInto("runs")
      .values([
        ...RUNS.map((runId, i) => makeRun({ run_id: runId, start_time_unix_nano: (T0 + BigInt(i) * 1_000_000n).toString() })),
        makeRun({ tenant_id: "other", run_id: "run-a" }),
        makeRun({ tenant_id: "other", run_id: "run-z" }),
      ])
      .execute();
    await db()
      .insertInto("scores")
      .values([
        score("run-a", "helpfulness", 2),
        score("run-a", "helpfulness", 4),
        score("run-a", "grounded", true),
        score("run-a", "tone", "rude"),
        score("run-a", "tone", "rude"),
        score("run-a", "tone", "polite"),
        score("run-b", "helpfulness", 5, { label: "great" }),
        score("run-b", "grounded", false),
        score("run-b", "grounded", true),
        score("run-b", "tone", "polite"),
        ...Array.from({ length: 10 }, (_, i) => score("run-d", `n${i}`, i)),
        score("run-e", "answer quality", 0.7),
        score("run-e", "mixed", 1),
        score("run-e", "mixed", 3),
        score("run-e", "mixed", "odd"),
        score("run-f", "tone", "b"),
        score("run-f", "tone", "a"),
        // Another tenant's scores on a run of the same id, and on its own run: never seen from "default".
        score("run-a", "helpfulness", 1, { tenant_id: "other" }),
        score("run-a", "secret", "yes", { tenant_id: "other" }),
        score("run-z", "helpfulness", 0, { tenant_id: "other" }),
      ])
      .execute();
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  it.each([
    ["helpfulness < 3", ["run-a"]],
    ["helpfulness >= 4", ["run-a", "run-b"]],
    ["helpfulness <= 2", ["run-a"]],
    ["helpfulness > 5", []],
    ["helpfulness != 5", ["run-a"]],
    ["grounded = false", ["run-b"]],
    ["grounded = true", ["run-a", "run-b"]],
    ["grounded != true", ["run-b"]],
    ["tone = rude", ["run-a"]],
    ["tone != rude", ["run-a", "run-b", "run-f"]],
    ['tone = "polite"', ["run-a", "run-b"]],
    ["tone = Rude", []],
    ['"answer quality" >= 0.5', ["run-e"]],
    ['"answer quality" < 0.5', []],
    ["mixed = odd", ["run-e"]],
    ["mixed > 2", ["run-e"]],
    ["helpfulness = great", ["run-b"]],
    ["n9 = 9", ["run-d"]],
    ["nobody > 0", []],
  ])("score=%s finds %j", async (filter, expected) => {
    expect(await list([["score", filter]])).toEqual(expected);
  });

  it("keeps the runs that match every score filter", async () => {
    expect(await list([["score", "helpfulness > 3"], ["score", "grounded = false"]])).toEqual(["run-b"]);
    expect(await list([["score", "helpfulness > 3"], ["score", "tone = rude"], ["score", "grounded = 1"]])).toEqual(["run-a"]);
    expect(await list([["score", "helpfulness < 3"], ["score", "grounded = false"]])).toEqual([]);
  });

  it("combines with the other filters and pages", async () => {
    const first = await listRuns(db(), "default", parseRunListParams(new URLSearchParams([["score", "tone != rude"], ["limit", "2"]])));
    expect(first.runs.map((run) => run.runId)).toEqual(["run-f", "run-b"]);
    const next = await listRuns(db(), "default", parseRunListParams(new URLSearchParams([["score", "tone != rude"], ["limit", "2"], ["cursor", first.nextCursor!]])));
    expect(next.runs.map((run) => run.runId)).toEqual(["run-a"]);
    expect(next.nextCursor).toBeNull();
    expect(await list([["score", "helpfulness > 0"], ["q", "run-b"]])).toEqual(["run-b"]);
  });

  it("matches only the tenant's own scores", async () => {
    // The other tenant's run-a has helpfulness 1 and a "secret" score: neither makes this tenant's run-a match.
    expect(await list([["score", "helpfulness < 1.5"]])).toEqual([]);
    expect(await list([["score", "secret = yes"]])).toEqual([]);
    expect(await list([["score", "helpfulness < 1.5"]], "other")).toEqual(["run-a", "run-z"]);
    expect(await list([["score", "tone = rude"]], "other")).toEqual([]);
  });

  it("gives each run of the page its scores per name", async () => {
    const page = await listRuns(db(), "default", parseRunListParams(new URLSearchParams()));
    const briefs = Object.fromEntries(page.runs.map((run) => [run.runId, run.scores]));
    expect(briefs["run-a"]).toEqual([
      { name: "grounded", dataType: "boolean", count: 1, mean: 1, label: null },
      { name: "helpfulness", dataType: "numeric", count: 2, mean: 3, label: null },
      { name: "tone", dataType: "categorical", count: 3, mean: null, label: "rude" },
    ]);
    expect(briefs["run-b"]).toEqual([
      { name: "grounded", dataType: "boolean", count: 2, mean: 0.5, label: null },
      { name: "helpfulness", dataType: "numeric", count: 1, mean: 5, label: null },
      { name: "tone", dataType: "categorical", count: 1, mean: null, label: "polite" },
    ]);
    expect(briefs["run-c"]).toEqual([]);
    // Mixed types: summed up by the type most of them have; the mean leaves the others out.
    expect(briefs["run-e"]).toEqual([
      { name: "answer quality", dataType: "numeric", count: 1, mean: 0.7, label: null },
      { name: "mixed", dataType: "numeric", count: 3, mean: 2, label: null },
    ]);
    // A tie between labels goes to the first in sort order, on both backends.
    expect(briefs["run-f"]).toEqual([{ name: "tone", dataType: "categorical", count: 2, mean: null, label: "a" }]);
  });

  it(`caps a run's names at ${MAX_BRIEF_NAMES}, the first by name`, async () => {
    const briefs = await runScoreBriefs(db(), "default", ["run-d"]);
    expect(briefs.get("run-d")!.map((brief) => brief.name)).toEqual(["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"]);
  });

  it("reads only the tenant's scores of the runs asked for", async () => {
    const mine = await runScoreBriefs(db(), "default", ["run-a", "run-z", "missing"]);
    expect([...mine.keys()]).toEqual(["run-a"]);
    expect(mine.get("run-a")!.map((brief) => brief.name)).toEqual(["grounded", "helpfulness", "tone"]);
    const theirs = await runScoreBriefs(db(), "other", ["run-a"]);
    expect(theirs.get("run-a")).toEqual([
      { name: "helpfulness", dataType: "numeric", count: 1, mean: 1, label: null },
      { name: "secret", dataType: "categorical", count: 1, mean: null, label: "yes" },
    ]);
    expect((await runScoreBriefs(db(), "default", [])).size).toBe(0);
  });
});
