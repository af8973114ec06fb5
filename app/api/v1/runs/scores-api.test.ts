import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { createApiKey } from "@/lib/auth/api-keys";
import { setRedactionRules } from "@/lib/redaction/queries";
import { apiRequest, params, wireServerRuntime, type ApiRuntime } from "@/test-support/api-runtime";
import type { RecordedScores, RunScoreList, WorkloadScores } from "@/lib/scores/types";
import type { VersionComparison, VersionListPage } from "@/lib/workloads/types";
import { GET as listScores, POST as postScores } from "@/app/api/v1/runs/[runId]/scores/route";
import { DELETE as deleteScore } from "@/app/api/v1/runs/[runId]/scores/[scoreId]/route";
import { GET as workloadScores } from "@/app/api/v1/workloads/[name]/scores/route";
import { GET as listVersions } from "@/app/api/v1/workloads/[name]/versions/route";
import { GET as compare } from "@/app/api/v1/workloads/[name]/compare/route";

// Issue 23: scores through the API on both backends: recorded on a run or one of its node
// activations, validated (400 naming the field), idempotent by id, deleted, scoped to the key's
// tenant, and summed up per version and compared across versions.

const A = "a".repeat(64);
const B = "b".repeat(64);
const SPAN = "1111222233334444";

describe.each(testBackends())("scores API on $name", (backend) => {
  let handle: TestDatabase;
  let server: ApiRuntime;
  const keys = { mine: "", other: "" };

  beforeAll(async () => {
    handle = await backend.open();
    const db = handle.database.kysely;
    keys.mine = (await createApiKey(db, "default", "reviewer-bot", ["read"])).key;
    keys.other = (await createApiKey(db, "other", "other-tenant", ["read"])).key;
    // Two versions of one workload, 6 runs each; run v1-0 has a node span.
    const runs = [A, B].flatMap((logicId, v) =>
      Array.from({ length: 6 }, (_, i) =>
        makeRun({ run_id: `v${v + 1}-${i}`, workload_name: "QA", workload_logic_id: logicId, start_time_unix_nano: String(1_765_000_000_000_000_000n + BigInt(v * 100 + i) * 1_000_000_000n) }),
      ),
    );
    await db.insertInto("runs").values(runs).execute();
    await db.insertInto("workload_versions").values([A, B].map((logicId, v) => ({ tenant_id: "default", workload_name: "QA", logic_id: logicId, version: `${v + 1}.0`, first_seen_unix_nano: "1765000000000000000", last_seen_unix_nano: "1765000000000000000", run_count: 6 }))).execute();
    await db.insertInto("spans").values(makeSpan({ run_id: "v1-0", span_id: SPAN, node_name: "answer" })).execute();
    server = await wireServerRuntime(handle.database);
  });
  afterAll(async () => {
    await server?.close();
    await handle?.dispose();
  });

  const post = (runId: string, body: unknown, key = keys.mine) => postScores(apiRequest(`/api/v1/runs/${runId}/scores`, { method: "POST", key, body }), params({ runId }));
  const list = async (runId: string, key = keys.mine) => (await (await listScores(apiRequest(`/api/v1/runs/${runId}/scores`, { key }), params({ runId }))).json()) as RunScoreList;

  it("records scores on the run and on a node activation, with the key's name as author, and lists them", async () => {
    const response = await post("v1-0", { scores: [{ name: "helpfulness", value: 4, comment: "clear" }, { name: "grounded", value: true, spanId: SPAN }, { name: "tone", value: "polite" }] });
    expect(response.status).toBe(201);
    const { scores } = (await response.json()) as RecordedScores;
    expect(scores.map((s) => [s.name, s.dataType, s.value, s.label, s.nodeName, s.source, s.author])).toEqual([
      ["helpfulness", "numeric", 4, null, null, "api", "reviewer-bot"],
      ["grounded", "boolean", 1, "true", "answer", "api", "reviewer-bot"],
      ["tone", "categorical", null, "polite", null, "api", "reviewer-bot"],
    ]);
    const listed = await list("v1-0");
    expect(listed.scores.map((s) => s.name).sort()).toEqual(["grounded", "helpfulness", "tone"]);
    expect(listed.scores.find((s) => s.name === "helpfulness")).toMatchObject({ comment: "clear", spanId: null });
  });

  it("refuses bad bodies with 400 naming the field, and stores nothing of them", async () => {
    const cases: [unknown, RegExp][] = [
      [{ value: 3 }, /^name: required$/],
      [{ name: "x", value: Number.MAX_VALUE * 0 + 1e13 }, /^value: /],
      [{ name: "x", value: [1] }, /^value: must be a number, a boolean or a label/],
      [{ name: "x".repeat(257), value: 1 }, /^name: at most 256 characters/],
      [{ name: "x", value: 1, spanId: "zz" }, /^spanId: must be 16 lowercase hex characters/],
      [{ name: "x", value: 1, spanId: "9999888877776666" }, /^spanId: 9999888877776666 is not a span of run v1-1/],
      [{ scores: [{ name: "ok", value: 1 }, { name: "x", value: 1, extra: true }] }, /^scores\[1\]: /],
      [{ scores: [] }, /^scores: must hold at least one score/],
    ];
    for (const [body, message] of cases) {
      const response = await post("v1-1", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()) as { error: { code: string; message: string } };
      expect(error.error.message).toMatch(message);
    }
    expect((await list("v1-1")).scores).toEqual([]);
    const unknownRun = await post("no-such-run", { name: "x", value: 1 });
    expect(unknownRun.status).toBe(404);
  });

  it("stores an id once: sent again it returns the first score; on another run it is 409", async () => {
    const first = (await (await post("v1-2", { id: "review-17", name: "helpfulness", value: 2 })).json()) as RecordedScores;
    const again = await post("v1-2", { id: "review-17", name: "helpfulness", value: 5 });
    expect(again.status).toBe(201);
    expect(((await again.json()) as RecordedScores).scores).toEqual(first.scores);
    expect((await list("v1-2")).scores).toHaveLength(1);
    expect((await post("v1-3", { id: "review-17", name: "helpfulness", value: 5 })).status).toBe(409);
  });

  it("keeps tenants apart: another tenant's key neither sees, scores nor deletes this tenant's runs", async () => {
    expect((await post("v1-0", { name: "x", value: 1 }, keys.other)).status).toBe(404);
    const response = await listScores(apiRequest("/api/v1/runs/v1-0/scores", { key: keys.other }), params({ runId: "v1-0" }));
    expect(response.status).toBe(404);
    const [score] = (await list("v1-0")).scores;
    const foreign = await deleteScore(apiRequest(`/api/v1/runs/v1-0/scores/${score!.id}`, { method: "DELETE", key: keys.other }), params({ runId: "v1-0", scoreId: score!.id }));
    expect(foreign.status).toBe(404);
    expect((await list("v1-0")).scores).toHaveLength(3);
  });

  it("deletes one score", async () => {
    const [score] = (await list("v1-2")).scores;
    const response = await deleteScore(apiRequest(`/api/v1/runs/v1-2/scores/${score!.id}`, { method: "DELETE", key: keys.mine }), params({ runId: "v1-2", scoreId: score!.id }));
    expect(response.status).toBe(204);
    expect((await list("v1-2")).scores).toEqual([]);
    const twice = await deleteScore(apiRequest(`/api/v1/runs/v1-2/scores/${score!.id}`, { method: "DELETE", key: keys.mine }), params({ runId: "v1-2", scoreId: score!.id }));
    expect(twice.status).toBe(404);
  });

  it("sums scores up per version and compares them: a worse version shows a negative, significant delta", async () => {
    // v1 runs answer well (4-5), v2 runs badly (1-2); v1 passes grounding 6/6, v2 1/6.
    for (let i = 0; i < 6; i++) {
      await post(`v1-${i}`, { scores: [{ name: "quality", value: 4 + (i % 2) }, { name: "pass", value: true }] });
      await post(`v2-${i}`, { scores: [{ name: "quality", value: 1 + (i % 2) }, { name: "pass", value: i === 0 }] });
    }
    const versions = (await (await listVersions(apiRequest("/api/v1/workloads/QA/versions", { key: keys.mine }), params({ name: "QA" }))).json()) as VersionListPage;
    const v1 = versions.versions.find((v) => v.logicId === A)!;
    expect(v1.scores.find((s) => s.name === "quality")).toMatchObject({ dataType: "numeric", count: 6, runCount: 6, mean: 4.5 });
    expect(v1.scores.find((s) => s.name === "pass")).toMatchObject({ dataType: "boolean", count: 6, mean: 1 });
    const perWorkload = (await (await workloadScores(apiRequest("/api/v1/workloads/QA/scores", { key: keys.mine }), params({ name: "QA" }))).json()) as WorkloadScores;
    expect(perWorkload.versions.find((v) => v.logicId === B)!.scores.find((s) => s.name === "quality")).toMatchObject({ count: 6, mean: 1.5 });

    const comparison = (await (await compare(apiRequest(`/api/v1/workloads/QA/compare?a=${A}&b=${B}`, { key: keys.mine }), params({ name: "QA" }))).json()) as VersionComparison;
    const quality = comparison.scores.find((s) => s.name === "quality")!;
    expect(quality).toMatchObject({ dataType: "numeric", delta: -3, test: "mann-whitney", significant: true });
    expect(quality.a.quantiles).toHaveLength(5);
    const pass = comparison.scores.find((s) => s.name === "pass")!;
    expect(pass.delta).toBeCloseTo(1 / 6 - 1, 10);
    expect(pass).toMatchObject({ test: "fisher", significant: true });
    // Another tenant's key sees no such workload.
    expect((await workloadScores(apiRequest("/api/v1/workloads/QA/scores", { key: keys.other }), params({ name: "QA" }))).status).toBe(404);
  });

  it("applies the tenant's redaction rules to comments before they are stored; a tenant without rules keeps them as sent", async () => {
    const db = handle.database.kysely;
    const acme = (await createApiKey(db, "acme", "acme-reviewer", ["read"])).key;
    await db.insertInto("runs").values([makeRun({ tenant_id: "acme", run_id: "acme-1" }), makeRun({ tenant_id: "other", run_id: "other-1" })]).execute();
    await setRedactionRules(db, "acme", [{ kind: "detector", detector: "email", action: "hash" }, { kind: "detector", detector: "secret", action: "drop" }]);
    const comment = "user ada.lovelace@example.com complained";
    const response = await post("acme-1", { scores: [{ name: "helpfulness", value: 1, comment }, { name: "tone", value: "rude", comment: "ada.lovelace@example.com again" }, { name: "leak", value: 0, comment: "key sk-proj-Abcdefghijklmnopqrstuvwxyz012345" }] }, acme);
    expect(response.status).toBe(201);
    const recorded = ((await response.json()) as RecordedScores).scores.map((score) => score.comment);
    expect(recorded[0]).toMatch(/^user \[HASHED:email:[0-9a-f]{16}\] complained$/);
    // One key per tenant: the same address hashes the same, in every comment.
    expect(recorded[1]).toBe(`${/\[HASHED:email:[0-9a-f]{16}\]/.exec(recorded[0]!)![0]} again`);
    expect(recorded[2]).toBe("[DROPPED:secret]");
    const stored = await db.selectFrom("scores").select("comment").where("tenant_id", "=", "acme").execute();
    expect(stored.map((row) => row.comment).sort()).toEqual([...recorded].sort());
    expect(JSON.stringify(stored)).not.toMatch(/lovelace|sk-proj/);

    expect((await (await post("other-1", { name: "helpfulness", value: 1, comment }, keys.other)).json()) as RecordedScores).toMatchObject({ scores: [{ comment }] });
  });
});
