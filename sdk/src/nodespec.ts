import { nodespecId } from "./ids";
import type { NodeSpec } from "./nodespec-types";

/** The spec format version the Codon SDKs stamp on every node spec. */
export const NODESPEC_VERSION = "0.1.0";

export type { NodeSpec } from "./nodespec-types";

/** The fields a caller gives for a node; everything else is derived. */
export interface NodeSpecInput {
  name: string;
  role: string;
  orgNamespace: string;
  callableSignature: string;
  inputSchema?: string | null;
  outputSchema?: string | null;
  modelName?: string | null;
  modelVersion?: string | null;
}

/** What Python's `json.dumps({})` gives for a callable without type annotations. */
export const EMPTY_INPUT_SCHEMA = "{}";

export function createNodeSpec(input: NodeSpecInput): NodeSpec {
  const fields = {
    orgNamespace: input.orgNamespace,
    name: input.name,
    role: input.role,
    callableSignature: input.callableSignature,
    inputSchema: input.inputSchema ?? EMPTY_INPUT_SCHEMA,
    outputSchema: input.outputSchema ?? null,
    modelName: input.modelName ?? null,
    modelVersion: input.modelVersion ?? null,
  };
  return Object.freeze({ id: nodespecId(fields), specVersion: NODESPEC_VERSION, ...fields });
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*/;

/**
 * A Python-style signature, `planner(message, *, runtime, context)`: the node name (not `fn.name`,
 * which is empty for inline arrows) and the function's first parameter when it is a plain
 * identifier, else `payload`. Minifiers rename parameters, and that would change the nodespec id:
 * pass `callableSignature` explicitly when ids must survive a build step.
 */
export function deriveCallableSignature(nodeName: string, fn: (...args: never[]) => unknown): string {
  return `${nodeName}(${firstParameterName(fn) ?? "payload"}, *, runtime, context)`;
}

export function firstParameterName(fn: (...args: never[]) => unknown): string | null {
  const source = Function.prototype.toString.call(fn).replace(/^async(?=[\s(])\s*/, "");
  const bareArrow = /^([A-Za-z_$][\w$]*)\s*=>/.exec(source);
  if (bareArrow) return bareArrow[1] ?? null;
  const open = source.indexOf("(");
  if (open < 0) return null;
  const params = source.slice(open + 1).trimStart();
  const name = IDENTIFIER.exec(params)?.[0];
  // `(message = {}, ...)` and `(message, ...)` count; `({ a }, ...)` or `(...rest)` do not.
  return name !== undefined && /^\s*[,)=]/.test(params.slice(name.length)) ? name : null;
}
