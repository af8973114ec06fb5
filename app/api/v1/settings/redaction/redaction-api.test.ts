import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import type { RedactionPreview, RedactionSettings } from "@/lib/redaction/types";
import { apiSuite } from "@/test-support/api-runtime";
import { callRoute } from "@/test-support/route-harness";
import { writeBatch } from "@/collector/store/write-batch";
import { normalizeSpan } from "@/collector/normalize/span";
import { makeDecodedSpan } from "@/collector/normalize/testing";

const PATH = "/api/v1/settings/redaction";
const PREVIEW = "/api/v1/settings/redaction/preview";

describe.each(testBackends())("the redaction settings on $name", (backend) => {
  const suite = apiSuite(backend);

  it("has no rules until the tenant saves some, then returns them in order and keeps its key", async () => {
    expect(await (await callRoute("get", PATH)).json()).toEqual({ rules: [], updatedAt: null });
    const rules = [
      { kind: "detector", detector: "card", action: "mask" },
      { kind: "pattern", name: "employee-id", pattern: "EMP-[0-9]{6}", action: "hash" },
    ];
    const saved = await callRoute("post", PATH, { body: { rules } });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as RedactionSettings).rules).toEqual(rules);
    const key = async () => (await suite.db().selectFrom("redaction_settings").select("hash_key").where("tenant_id", "=", "default").executeTakeFirstOrThrow()).hash_key;
    const first = Buffer.from(await key()).toString("hex");
    await callRoute("post", PATH, { body: { rules: rules.slice(0, 1) } });
    expect(((await (await callRoute("get", PATH)).json()) as RedactionSettings).rules).toEqual(rules.slice(0, 1));
    expect(Buffer.from(await key()).toString("hex")).toBe(first);
  });

  it("refuses unsafe or malformed rules, naming the rule and the problem", async () => {
    const refused = async (rule: unknown) => {
      const response = await callRoute("post", PATH, { body: { rules: [rule] } });
      expect(response.status, JSON.stringify(rule)).toBe(400);
      return ((await response.json()) as { error: { message: string } }).error.message;
    };
    expect(await refused({ kind: "pattern", name: "slow", pattern: "(a)\\1", action: "mask" })).toMatch(/^rules\[0\]\.pattern: .*linear-time/);
    expect(await refused({ kind: "pattern", name: "empty", pattern: "x*", action: "mask" })).toBe("rules[0].pattern: must not match empty text");
    expect(await refused({ kind: "pattern", name: "long", pattern: "a".repeat(300), action: "mask" })).toMatch(/^rules\[0\]\.pattern: must be at most 256/);
    expect(await refused({ kind: "detector", detector: "ssn", action: "mask" })).toMatch(/^rules\[0\]\.detector: /);
    expect(await refused({ kind: "detector", detector: "email", action: "shred" })).toMatch(/^rules\[0\]\.action: /);
    expect(await refused({ kind: "pattern", name: "has space", pattern: "x", action: "mask" })).toMatch(/^rules\[0\]\.name: /);
    const many = await callRoute("post", PATH, { body: { rules: Array.from({ length: 25 }, () => ({ kind: "detector", detector: "email", action: "mask" })) } });
    expect(many.status).toBe(400);
  });

  it("previews given rules over given text, storing nothing", async () => {
    const before = await (await callRoute("get", PATH)).json();
    const response = await callRoute("post", PREVIEW, { body: { text: "mail ada@example.com from 10.0.0.1", rules: [{ kind: "detector", detector: "email", action: "mask" }, { kind: "detector", detector: "ipv4", action: "drop" }] } });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as RedactionPreview;
    expect(preview).toMatchObject({ total: 2, samples: [{ source: "text", before: "mail ada@example.com from 10.0.0.1", after: "[DROPPED:ipv4]", count: 2 }] });
    expect(await (await callRoute("get", PATH)).json()).toEqual(before);
    const bad = await callRoute("post", PREVIEW, { body: { text: "x", runId: "r" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^text: give either text or runId/);
  });

  it("previews the saved rules over a stored run's inputs", async () => {
    const span = makeDecodedSpan({ name: "codon.node.intake", attributes: { "codon.workload.run_id": "preview-run", "codon.node.name": "intake", "codon.node.input": "card 4111 1111 1111 1111" } });
    const row = normalizeSpan(span, { tenantId: "default", resource: {}, scope: { name: "", version: "", attributes: {} } });
    await writeBatch(suite.db(), { spans: [row], auditEvents: [], graphs: [], nodeSpecs: [] }, 0n);
    await callRoute("post", PATH, { body: { rules: [{ kind: "detector", detector: "card", action: "mask" }] } });
    const preview = (await (await callRoute("post", PREVIEW, { body: { runId: "preview-run" } })).json()) as RedactionPreview;
    expect(preview.samples).toEqual([{ source: "input", spanId: row.span_id, nodeName: "intake", before: "card 4111 1111 1111 1111", after: "card [REDACTED:card]", count: 1 }]);
  });
});
