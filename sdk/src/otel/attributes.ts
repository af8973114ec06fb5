import type { Attributes } from "@opentelemetry/api";
import { sha256Hex } from "../ids";
import type { LedgerEvent } from "../ledger";
import type { NodeSpec } from "../nodespec";
import type { ActivationEnd, ActivationStart, RunInfo } from "../observer";
import type { Score } from "../score";

/**
 * Attribute names and values exactly as the Codon Python SDK puts them on the wire
 * (shared/codon-telemetry.md), so the collector reads a TypeScript agent like a Python one.
 */

/** `codon.organization.id` is the tenant the Codon platform knows; without one, the namespace stands in. */
export interface TenantAttributes {
  readonly organizationId?: string;
}

/** On every node span, graph span and audit record: which run of which workload version. */
export function runAttributes(run: RunInfo, tenant: TenantAttributes = {}): Attributes {
  return {
    "agent.framework.name": "codon",
    "codon.organization.id": tenant.organizationId ?? run.orgNamespace,
    "org.namespace": run.orgNamespace,
    "codon.workload.id": run.workloadId,
    "codon.workload.name": run.workloadName,
    "codon.workload.version": run.workloadVersion,
    "codon.workload.logic_id": run.logicId,
    "codon.workload.run_id": run.runId,
    "codon.workload.deployment_id": run.deploymentId,
  };
}

export function nodeSpecAttributes(spec: NodeSpec): Attributes {
  return {
    "codon.nodespec.id": spec.id,
    "codon.nodespec.name": spec.name,
    "codon.nodespec.role": spec.role,
    "codon.nodespec.version": spec.specVersion,
    "codon.nodespec.callable_signature": spec.callableSignature,
    "codon.nodespec.input_schema": spec.inputSchema,
    ...(spec.outputSchema === null ? {} : { "codon.nodespec.output_schema": spec.outputSchema }),
    ...(spec.modelName === null ? {} : { "codon.nodespec.model_name": spec.modelName }),
    ...(spec.modelVersion === null ? {} : { "codon.nodespec.model_version": spec.modelVersion }),
  };
}

/** Known when the activation starts: the span carries them from its first moment. */
export function activationStartAttributes(activation: ActivationStart, tenant: TenantAttributes = {}): Attributes {
  return {
    ...runAttributes(activation.run, tenant),
    ...nodeSpecAttributes(activation.spec),
    "codon.node.input": activation.inputText,
  };
}

/** Known when it ends: output or error, latency, usage. */
export function activationEndAttributes(activation: ActivationEnd): Attributes {
  const { result, usage } = activation;
  const failed = result.status === "error";
  const raw = {
    step: activation.step,
    token_id: activation.token.id,
    parent_token_id: activation.token.parentId,
    origin: activation.token.origin,
    lineage: activation.token.lineage,
    emitted: result.emitted,
  };
  return {
    "codon.node.output": activation.outputText ?? "",
    "codon.node.latency_ms": Math.round(result.durationMs),
    "codon.node.status_code": failed ? "ERROR" : "OK",
    ...(failed && result.error ? { "codon.node.error_message": `${result.error.name}: ${result.error.message}` } : {}),
    "codon.node.raw_attributes_json": JSON.stringify(raw),
    ...(usage
      ? {
          "codon.tokens.input": usage.inputTokens,
          "codon.tokens.output": usage.outputTokens,
          "codon.tokens.total": usage.totalTokens,
          "codon.tokens.usage_json": JSON.stringify(usageJson(activation)),
          "codon.model.vendor": usage.vendor,
          "codon.model.id": usage.model,
          // Codon has no names for cache tokens; the GenAI ones let the collector price them.
          ...(usage.cacheReadTokens > 0 ? { "gen_ai.usage.cache_read.input_tokens": usage.cacheReadTokens } : {}),
          ...(usage.cacheWriteTokens > 0 ? { "gen_ai.usage.cache_creation.input_tokens": usage.cacheWriteTokens } : {}),
        }
      : {}),
  };
}

/** The provider's raw usage when the node gave one per call; otherwise the counts it recorded. */
function usageJson(activation: ActivationEnd): unknown {
  const calls = activation.result.usage.map((call) =>
    call.raw !== undefined
      ? call.raw
      : {
          model: call.model,
          input_tokens: call.inputTokens,
          output_tokens: call.outputTokens,
          ...(call.cacheReadTokens ? { cache_read_input_tokens: call.cacheReadTokens } : {}),
          ...(call.cacheWriteTokens ? { cache_creation_input_tokens: call.cacheWriteTokens } : {}),
        },
  );
  return calls.length === 1 ? calls[0] : calls;
}

/** The static graph as the `agent.graph` span carries it: every node, fired or not. */
export function graphAttributes(run: RunInfo, tenant: TenantAttributes = {}): Attributes {
  const definition = {
    nodes: run.nodes.map((spec) => ({ name: spec.name, role: spec.role, nodespec_id: spec.id })),
    edges: run.edges.map((edge) => ({ source: edge.source, target: edge.target })),
  };
  const definitionJson = JSON.stringify(definition);
  return {
    ...runAttributes(run, tenant),
    "codon.graph.definition_json": definitionJson,
    "codon.graph.definition_hash": sha256Hex(definitionJson),
    "codon.graph.node_count": definition.nodes.length,
    "codon.graph.edge_count": definition.edges.length,
  };
}

/** One ledger entry as an OTLP log record's attributes (`codon.audit.*`). */
export function auditAttributes(event: LedgerEvent, run: RunInfo, tenant: TenantAttributes = {}): Attributes {
  return {
    ...runAttributes(run, tenant),
    "codon.audit.event_type": event.event_type,
    ...(event.token_id === null ? {} : { "codon.audit.token_id": event.token_id }),
    ...(event.parent_id === null ? {} : { "codon.audit.parent_token_id": event.parent_id }),
    ...(event.source_node === null ? {} : { "codon.audit.source_node": event.source_node }),
    ...(event.target_node === null ? {} : { "codon.audit.target_node": event.target_node }),
    "codon.audit.lineage": [...event.lineage],
    "codon.audit.metadata_json": metadataJson(event.metadata),
  };
}

/** Metadata is whatever a node recorded; values JSON cannot hold become strings rather than failing the export. */
function metadataJson(metadata: Readonly<Record<string, unknown>>): string {
  try {
    return JSON.stringify(metadata, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)) ?? "{}";
  } catch (error) {
    return JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
  }
}

/** A score as the GenAI evaluation event's attributes (`gen_ai.evaluation.*`), plus our idempotency id. */
export function evaluationAttributes(score: Score): Attributes {
  return {
    "gen_ai.evaluation.name": score.name,
    ...(score.value === null ? {} : { "gen_ai.evaluation.score.value": score.value }),
    ...(score.label === null ? {} : { "gen_ai.evaluation.score.label": score.label }),
    ...(score.explanation === null ? {} : { "gen_ai.evaluation.explanation": score.explanation }),
    ...(score.id === null ? {} : { "codon.score.id": score.id }),
  };
}
