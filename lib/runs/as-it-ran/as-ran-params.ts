import { parseLimit, singleParam } from "@/lib/http/params";
import { MAX_AS_RAN_ACTIVATIONS } from "@/lib/runs/as-it-ran/build";

/** `limit`: activations drawn at most (1 to 10,000; 10,000 when absent). */
export function parseActivationParams(params: URLSearchParams): { limit: number } {
  return { limit: parseLimit(singleParam(params, "limit"), MAX_AS_RAN_ACTIVATIONS, MAX_AS_RAN_ACTIVATIONS) };
}
