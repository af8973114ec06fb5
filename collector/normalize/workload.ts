import type { Attributes, DecodedSpan } from "@/collector/decode/model";
import { firstString } from "@/collector/normalize/attributes";

export const RUN_ID_KEY = "codon.workload.run_id";

/** A span's run: `codon.workload.run_id` (one run may span many traces), else its trace id. */
export function extractRunId(span: DecodedSpan): string {
  return firstString([span.attributes], [RUN_ID_KEY]) ?? span.traceId;
}

export interface WorkloadFields {
  workload_id: string | null;
  workload_name: string | null;
  workload_version: string | null;
  workload_logic_id: string | null;
  deployment_id: string | null;
}

/** The Codon workload context, from the span's attributes, else the resource's. */
export function extractWorkload(attributes: Attributes, resource: Attributes): WorkloadFields {
  const sources = [attributes, resource];
  const get = (key: string) => firstString(sources, [key]);
  return {
    workload_id: get("codon.workload.id"),
    workload_name: get("codon.workload.name"),
    workload_version: get("codon.workload.version"),
    workload_logic_id: get("codon.workload.logic_id"),
    deployment_id: get("codon.workload.deployment_id"),
  };
}

/** `service.name` of the resource. */
export function extractServiceName(resource: Attributes): string | null {
  return firstString([resource], ["service.name"]);
}

/** `org.namespace` from the span, else the resource. */
export function extractOrgNamespace(attributes: Attributes, resource: Attributes): string | null {
  return firstString([attributes, resource], ["org.namespace"]);
}
