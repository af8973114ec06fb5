import { describe, expect, it } from "vitest";
import { normalizeLogs, normalizeTraces } from "@/collector/normalize";
import {
  BASE_TIME,
  makeDecodedSpan,
  makeLogRecord,
  makeLogsRequest,
  makeSpanEvent,
  makeTraceRequest,
  spanIdOf,
  TENANT,
  traceIdOf,
} from "@/collector/normalize/testing";

const attributes = {
  "codon.workload.run_id": "run-logs",
  "codon.audit.token_id": "tok-1",
  "codon.audit.source_node": "__entry__",
  "codon.audit.target_node": "prompt_builder",
  "codon.audit.lineage": ["__entry__"],
  "codon.audit.metadata_json": '{"k":"v"}',
};

describe("audit events from log records", () => {
  it("reads the event name from the eventName field", () => {
    const record = makeLogRecord({ eventName: "codon.audit.token_enqueued", attributes, traceId: traceIdOf(1), spanId: spanIdOf(1) });
    const result = normalizeLogs(makeLogsRequest([record]), TENANT);
    expect(result).toMatchObject({ logRecords: [], rejected: { count: 0, messages: [] } });
    expect(result.auditEvents).toEqual([
      {
        tenant_id: TENANT,
        run_id: "run-logs",
        dedupe_key: expect.stringMatching(/^[0-9a-f]{32}$/),
        time_unix_nano: BASE_TIME.toString(),
        event_type: "token_enqueued",
        token_id: "tok-1",
        parent_token_id: null,
        source_node: "__entry__",
        target_node: "prompt_builder",
        lineage: ["__entry__"],
        metadata: { k: "v" },
        trace_id: traceIdOf(1),
        span_id: spanIdOf(1),
      },
    ]);
  });

  it("reads the event name from the event.name attribute", () => {
    const record = makeLogRecord({ attributes: { ...attributes, "event.name": "codon.audit.node_completed" } });
    const [event] = normalizeLogs(makeLogsRequest([record]), TENANT).auditEvents;
    expect(event).toMatchObject({ event_type: "node_completed", trace_id: null, span_id: null });
  });

  it("keeps records that are not audit events as log records", () => {
    const records = [
      makeLogRecord({ body: "plain log line" }),
      makeLogRecord({ eventName: "gen_ai.client.inference.operation.details" }),
      makeLogRecord({ attributes: { "event.name": "codon.auditx" } }),
      makeLogRecord({ eventName: "codon.audit.runtime_stopped", attributes }),
    ];
    const result = normalizeLogs(makeLogsRequest(records), TENANT);
    expect(result.logRecords.map((row) => [row.event_name, row.body])).toEqual([
      [null, "plain log line"],
      ["gen_ai.client.inference.operation.details", null],
      ["codon.auditx", null],
    ]);
    expect(result.auditEvents.map((event) => event.event_type)).toEqual(["runtime_stopped"]);
  });

  it("falls back to the trace id for the run and to the observed time", () => {
    const record = makeLogRecord({ eventName: "codon.audit.custom", traceId: traceIdOf(4), timeUnixNano: 0n });
    const [event] = normalizeLogs(makeLogsRequest([record]), TENANT).auditEvents;
    expect(event).toMatchObject({ run_id: traceIdOf(4), trace_id: traceIdOf(4), time_unix_nano: (BASE_TIME + 5n).toString() });
  });

  it("takes the run id from the resource when the record lacks it", () => {
    const record = makeLogRecord({ eventName: "codon.audit.custom" });
    const [event] = normalizeLogs(makeLogsRequest([record], { "codon.workload.run_id": "run-resource" }), TENANT).auditEvents;
    expect(event?.run_id).toBe("run-resource");
  });

  it("rejects audit records without a run id or a time and keeps the rest", () => {
    const records = [
      makeLogRecord({ eventName: "codon.audit.token_enqueued" }),
      makeLogRecord({ eventName: "codon.audit.token_enqueued", traceId: "0".repeat(32) }),
      makeLogRecord({ eventName: "codon.audit.custom", attributes, timeUnixNano: 0n, observedTimeUnixNano: 0n }),
      makeLogRecord({ eventName: "codon.audit.", attributes }),
      makeLogRecord({ eventName: "codon.audit.token_dequeued", attributes }),
      makeLogRecord({ body: "ignored" }),
    ];
    const result = normalizeLogs(makeLogsRequest(records), TENANT);
    expect(result.auditEvents.map((event) => event.event_type)).toEqual(["token_dequeued"]);
    expect(result.logRecords.map((row) => row.body)).toEqual(["ignored"]);
    expect(result.rejected.count).toBe(4);
    expect(result.rejected.messages).toEqual([
      "log record 0 (codon.audit.token_enqueued): no run id; set the codon.workload.run_id attribute or the record's traceId",
      `log record 1 (codon.audit.token_enqueued) in trace ${"0".repeat(32)}: no run id; set the codon.workload.run_id attribute or the record's traceId`,
      "log record 2 (codon.audit.custom): timeUnixNano or observedTimeUnixNano must be set (between 1 and 2^63-1)",
      "log record 3 (codon.audit.): the event name must be codon.audit.<event type>",
    ]);
  });

  it("gives a re-delivered record the same dedupe key and a different record a different one", () => {
    const record = makeLogRecord({ eventName: "codon.audit.token_enqueued", attributes });
    const first = normalizeLogs(makeLogsRequest([record]), TENANT).auditEvents[0];
    const again = normalizeLogs(makeLogsRequest([{ ...record, attributes: { ...attributes } }]), TENANT).auditEvents[0];
    const other = normalizeLogs(makeLogsRequest([{ ...record, timeUnixNano: BASE_TIME + 1n }]), TENANT).auditEvents[0];
    expect(first?.dedupe_key).toBe(again?.dedupe_key);
    expect(other?.dedupe_key).not.toBe(first?.dedupe_key);
  });

  it("matches the key of the same event carried as a span event", () => {
    const span = makeDecodedSpan({ events: [makeSpanEvent("codon.audit.token_enqueued", attributes, BASE_TIME)] });
    const fromSpan = normalizeTraces(makeTraceRequest([span]), TENANT).auditEvents[0];
    const record = makeLogRecord({ eventName: "codon.audit.token_enqueued", attributes, traceId: span.traceId, spanId: span.spanId });
    const fromLog = normalizeLogs(makeLogsRequest([record]), TENANT).auditEvents[0];
    expect(fromLog?.dedupe_key).toBe(fromSpan?.dedupe_key);
  });
});

describe("log records that are not audit events", () => {
  it("keeps time, severity, body, attributes, resource, scope, trace and span, and the run from the trace", () => {
    const record = makeLogRecord({ body: "retrying call", severityNumber: 13, severityText: "WARN", attributes: { attempt: 2 }, traceId: traceIdOf(7), spanId: spanIdOf(7) });
    const [row] = normalizeLogs(makeLogsRequest([record], { "service.name": "worker" }), TENANT).logRecords;
    expect(row).toEqual({
      tenant_id: TENANT,
      record_key: expect.stringMatching(/^[0-9a-f]{32}$/),
      run_key: traceIdOf(7),
      time_unix_nano: BASE_TIME.toString(),
      observed_time_unix_nano: (BASE_TIME + 5n).toString(),
      severity_number: 13,
      severity_text: "WARN",
      body: "retrying call",
      body_is_json: false,
      event_name: null,
      trace_id: traceIdOf(7),
      span_id: spanIdOf(7),
      service_name: "worker",
      scope_name: expect.any(String),
      scope_version: expect.anything(),
      attributes: { attempt: 2 },
      resource_attributes: { "service.name": "worker" },
    });
  });

  it("takes the run id from the record, else the resource; keeps a structured body as JSON; without trace or run it has no run", () => {
    const records = [
      makeLogRecord({ body: { step: "fetch", ok: true }, attributes: { "codon.workload.run_id": "run-a" }, traceId: traceIdOf(1) }),
      makeLogRecord({ body: ["a", 1] }),
    ];
    const [first, second] = normalizeLogs(makeLogsRequest(records), TENANT).logRecords;
    expect(first).toMatchObject({ run_key: "run-a", body: '{"step":"fetch","ok":true}', body_is_json: true });
    expect(second).toMatchObject({ run_key: null, body: '["a",1]', body_is_json: true, trace_id: null, span_id: null });
    const fromResource = normalizeLogs(makeLogsRequest([makeLogRecord({ body: "x", traceId: traceIdOf(2) })], { "codon.workload.run_id": "run-r" }), TENANT).logRecords[0];
    expect(fromResource?.run_key).toBe("run-r");
  });

  it("gives the same record the same key, keeps a record repeated in one export once, and any difference a new key", () => {
    const record = makeLogRecord({ body: "same", traceId: traceIdOf(3), spanId: spanIdOf(3) });
    const twice = normalizeLogs(makeLogsRequest([record, { ...record }]), TENANT).logRecords;
    expect(twice).toHaveLength(1);
    const again = normalizeLogs(makeLogsRequest([record]), TENANT).logRecords[0];
    expect(again?.record_key).toBe(twice[0]?.record_key);
    const variants = [
      { ...record, body: "other" },
      { ...record, timeUnixNano: BASE_TIME + 1n },
      { ...record, severityNumber: 17 },
      { ...record, attributes: { k: 1 } },
      { ...record, spanId: spanIdOf(4) },
    ];
    const keys = new Set([twice[0]!.record_key, ...normalizeLogs(makeLogsRequest(variants), TENANT).logRecords.map((row) => row.record_key)]);
    expect(keys.size).toBe(1 + variants.length);
  });

  it("rejects a record with no usable time and an out-of-range severity becomes 0", () => {
    const result = normalizeLogs(makeLogsRequest([makeLogRecord({ body: "no time", timeUnixNano: 0n, observedTimeUnixNano: 0n }), makeLogRecord({ body: "odd", severityNumber: 99 })]), TENANT);
    expect(result.rejected.messages).toEqual(["log record 0 (log): timeUnixNano or observedTimeUnixNano must be set (between 1 and 2^63-1)"]);
    expect(result.logRecords.map((row) => [row.body, row.severity_number])).toEqual([["odd", 0]]);
  });
});
