import type { Attributes, DecodedSpan } from "@/collector/decode/model";
import type { NewNodeSpec } from "@/lib/db/types";
import { firstString } from "@/collector/normalize/attributes";
import { extractNodeName } from "@/collector/normalize/node";
import { extractOrgNamespace } from "@/collector/normalize/workload";

/**
 * The NodeSpec a span declares through `codon.nodespec.*` (null without `codon.nodespec.id`).
 * The name is `codon.nodespec.name`, else the span's node name. A span that names neither (an
 * `agent.llm` span exported before its node span) declares no spec: stored specs keep the first
 * name they get, and "agent.llm" is not the node's.
 */
export function extractNodeSpec(span: DecodedSpan, resource: Attributes, tenantId: string): NewNodeSpec | null {
  const get = (key: string) => firstString([span.attributes], [`codon.nodespec.${key}`]);
  const nodespecId = get("id");
  if (nodespecId === null) return null;
  const name = get("name") ?? extractNodeName(span);
  if (name === null) return null;
  return {
    tenant_id: tenantId,
    nodespec_id: nodespecId,
    name,
    role: get("role"),
    spec_version: get("version"),
    org_namespace: extractOrgNamespace(span.attributes, resource),
    callable_signature: get("callable_signature"),
    input_schema: get("input_schema"),
    output_schema: get("output_schema"),
    model_name: get("model_name"),
    model_version: get("model_version"),
  };
}

/**
 * One NodeSpec per id within an export. The first span wins, except that a span naming the node
 * (`codon.nodespec.name`) replaces an earlier one that did not: an `agent.llm` span usually ends,
 * and so is exported, before the node span around it, and carries the id without the name.
 */
export class NodeSpecCollector {
  private readonly specs = new Map<string, { spec: NewNodeSpec; named: boolean }>();

  add(span: DecodedSpan, resource: Attributes, tenantId: string): void {
    const spec = extractNodeSpec(span, resource, tenantId);
    if (spec === null) return;
    const named = firstString([span.attributes], ["codon.nodespec.name"]) !== null;
    const existing = this.specs.get(spec.nodespec_id);
    if (existing === undefined || (named && !existing.named)) this.specs.set(spec.nodespec_id, { spec, named });
  }

  list(): NewNodeSpec[] {
    return [...this.specs.values()].map((entry) => entry.spec);
  }
}
