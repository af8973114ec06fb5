import { describe, expect, it } from "vitest";
import type { Attributes } from "@/collector/decode/model";
import { auditDedupeKey, auditEventType, extractLineage, extractMetadata, type AuditIdentity } from "@/collector/normalize/audit";
import { normalizeTraces } from "@/collector/normalize";
import { BASE_TIME, makeDecodedSpan, makeSpanEvent, makeTraceRequest, spanIdOf, TENANT, traceIdOf } from "@/collector/normalize/testing";

const RUN_ID = "run-audit";
const tokenAttributes: Attributes = {
  "codon.audit.token_id": "tok-2",
  "codon.audit.parent_token_id": "tok-1",
  "codon.audit.source_node": "prompt_builder",
  "codon.audit.target_node": "call_model",
  "codon.audit.lineage": ["__entry__", "prompt_builder"],
  "codon.audit.metadata_json": '{"queue":"default","attempt":1}',
};

describe("audit events from span events", () => {
  it("turns codon.audit.<type> span events into rows of the span's run", () => {
    const span = makeDecodedSpan({
      name: "codon.node.prompt_builder",
      attributes: { "codon.workload.run_id": RUN_ID },
      events: [
        makeSpanEvent("codon.audit.token_enqueued", tokenAttributes, BASE_TIME + 100n),
        makeSpanEvent("exception", { "exception.message": "not audit" }),
        makeSpanEvent("codon.audit.node_completed", { "codon.workload.run_id": "other-run" }, 0n),
        makeSpanEvent("codon.audit.", {}),
      ],
    });
    const { auditEvents, spans } = normalizeTraces(makeTraceRequest([span]), TENANT);
    expect(spans).toHaveLength(1);
    expect(auditEvents).toHaveLength(2);
    expect(auditEvents[0]).toMatchObject({
      tenant_id: TENANT,
      run_id: RUN_ID,
      event_type: "token_enqueued",
      time_unix_nano: (BASE_TIME + 100n).toString(),
      token_id: "tok-2",
      parent_token_id: "tok-1",
      source_node: "prompt_builder",
      target_node: "call_model",
      lineage: ["__entry__", "prompt_builder"],
      metadata: { queue: "default", attempt: 1 },
      trace_id: traceIdOf(1),
      span_id: spanIdOf(1),
    });
    expect(auditEvents[0]?.dedupe_key).toMatch(/^[0-9a-f]{32}$/);
    expect(auditEvents[1]).toMatchObject({
      run_id: "other-run",
      event_type: "node_completed",
      time_unix_nano: BASE_TIME.toString(),
      token_id: null,
      lineage: [],
      metadata: {},
    });
  });

  it("uses the trace id as the run of a span without a run id", () => {
    const span = makeDecodedSpan({ traceId: traceIdOf(5), events: [makeSpanEvent("codon.audit.custom")] });
    expect(normalizeTraces(makeTraceRequest([span]), TENANT).auditEvents[0]?.run_id).toBe(traceIdOf(5));
  });
});

describe("audit attribute mapping", () => {
  it("recognises audit event names", () => {
    expect(auditEventType("codon.audit.token_dequeued")).toBe("token_dequeued");
    expect(auditEventType("codon.audit.")).toBeNull();
    expect(auditEventType("codon.node.x")).toBeNull();
  });

  it("keeps lineage only when it is a list of strings", () => {
    expect(extractLineage(["a", "b"])).toEqual(["a", "b"]);
    expect(extractLineage(["a", 1])).toEqual([]);
    expect(extractLineage("a,b")).toEqual([]);
    expect(extractLineage(undefined)).toEqual([]);
  });

  it("parses metadata JSON and keeps anything else as raw", () => {
    expect(extractMetadata('{"a":{"b":[1]}}')).toEqual({ a: { b: [1] } });
    expect(extractMetadata("not json")).toEqual({ raw: "not json" });
    expect(extractMetadata("[1,2]")).toEqual({ raw: "[1,2]" });
    expect(extractMetadata('"text"')).toEqual({ raw: '"text"' });
    expect(extractMetadata("null")).toEqual({ raw: "null" });
    expect(extractMetadata(undefined)).toEqual({});
    expect(extractMetadata({ already: "object" })).toEqual({ already: "object" });
    expect(extractMetadata(7)).toEqual({ raw: 7 });
  });
});

describe("audit dedupe key", () => {
  const identity: AuditIdentity = {
    runId: RUN_ID,
    timeUnixNano: BASE_TIME,
    eventType: "token_enqueued",
    traceId: traceIdOf(1),
    spanId: spanIdOf(1),
  };

  it("is the same for the same event delivered again", () => {
    expect(auditDedupeKey({ ...identity }, { ...tokenAttributes })).toBe(auditDedupeKey(identity, tokenAttributes));
  });

  it.each<[string, Partial<AuditIdentity>, Attributes]>([
    ["run id", { runId: "other" }, {}],
    ["time", { timeUnixNano: BASE_TIME + 1n }, {}],
    ["event type", { eventType: "token_dequeued" }, {}],
    ["trace id", { traceId: traceIdOf(2) }, {}],
    ["span id", { spanId: null }, {}],
    ["token id", {}, { "codon.audit.token_id": "tok-3" }],
    ["parent token id", {}, { "codon.audit.parent_token_id": "tok-0" }],
    ["source node", {}, { "codon.audit.source_node": "__entry__" }],
    ["target node", {}, { "codon.audit.target_node": "finalize" }],
    ["metadata", {}, { "codon.audit.metadata_json": '{"queue":"other"}' }],
    ["lineage", {}, { "codon.audit.lineage": ["__entry__"] }],
  ])("differs when the %s differs", (_label, identityChange, attributeChange) => {
    const changed = auditDedupeKey({ ...identity, ...identityChange }, { ...tokenAttributes, ...attributeChange });
    expect(changed).not.toBe(auditDedupeKey(identity, tokenAttributes));
  });

  it("does not confuse values shifted between fields", () => {
    const a = auditDedupeKey(identity, { "codon.audit.source_node": "a", "codon.audit.target_node": "" });
    const b = auditDedupeKey(identity, { "codon.audit.source_node": "", "codon.audit.target_node": "a" });
    expect(a).not.toBe(b);
  });

  it("stores an event repeated within one export once", () => {
    const event = makeSpanEvent("codon.audit.token_enqueued", tokenAttributes);
    const span = makeDecodedSpan({ events: [event, { ...event }] });
    expect(normalizeTraces(makeTraceRequest([span]), TENANT).auditEvents).toHaveLength(1);
  });
});
