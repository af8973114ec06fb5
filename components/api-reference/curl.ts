import { schemaRefName } from "@/components/api-reference/anchors";
import type { ContentView, OperationView, ParameterView, Schema } from "@/components/api-reference/types";

type Json = Record<string, unknown>;
type CurlOperation = Pick<OperationView, "method" | "path" | "parameters" | "requestBody" | "responses" | "sendsKey">;

const FALLBACK_HOST = "localhost:3000";
// A host header is only echoed into the command when it looks like one (no shell syntax).
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isJson = (mediaType: string) => /^application\/(?:[\w.-]+\+)?json\b/i.test(mediaType);
// Inside "…" the shell still expands $, ` and \; a literal " ends the word.
const doubleQuoted = (value: string) => `"${value.replace(/[\\"$`]/g, "\\$&")}"`;

export const safeHost = (host: string | null | undefined) => (host && HOST.test(host.trim()) ? host.trim() : FALLBACK_HOST);

/** The value a parameter gets in the example: the document's example, default or first enum value, else `<name>`. */
export function exampleValue(param: Pick<ParameterView, "name" | "schema">): string {
  const schema: Json = isRecord(param.schema) ? param.schema : {};
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  const candidates = [schema.example, examples[0], schema.default, Array.isArray(schema.enum) ? schema.enum[0] : undefined];
  const found = candidates.find((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
  return found === undefined ? `<${param.name}>` : encodeURIComponent(String(found));
}

/** The path with path parameters filled in, and the required query parameters appended. */
export function exampleUrl(op: Pick<CurlOperation, "path" | "parameters">, host: string | null | undefined): string {
  const byName = new Map(op.parameters.filter((p) => p.in === "path").map((p) => [p.name, p]));
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => exampleValue(byName.get(name) ?? { name }));
  const query = op.parameters.filter((p) => p.in === "query" && p.required).map((p) => `${encodeURIComponent(p.name)}=${exampleValue(p)}`);
  return `http://${safeHost(host)}${path}${query.length ? `?${query.join("&")}` : ""}`;
}

/** `{}` for an object body, `[]` for an array body: a shape to fill in, no invented fields. */
export function placeholderBody(schema: Schema | undefined, schemas: Record<string, Schema> = {}): string {
  let current = schema;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string" && hops < 8; hops++) {
    const name = schemaRefName(current.$ref);
    current = name ? schemas[name] : undefined;
  }
  return isRecord(current) && (current.type === "array" || (current.type === undefined && current.items !== undefined)) ? "[]" : "{}";
}

function bodyLines(content: ContentView[], schemas: Record<string, Schema>): string[] {
  const media = content.find((c) => isJson(c.mediaType)) ?? content[0];
  if (!media) return [];
  const header = `-H ${doubleQuoted(`content-type: ${media.mediaType}`)}`;
  return isJson(media.mediaType) ? [header, `-d '${placeholderBody(media.schema, schemas)}'`] : [header, "--data-binary @body"];
}

/** A runnable `curl` command for an operation, one option per line. */
export function curlCommand(op: CurlOperation, options: { host: string | null | undefined; schemas?: Record<string, Schema> }): string {
  const method = op.method.toUpperCase();
  const streams = op.responses.some((r) => r.status.startsWith("2") && r.content.some((c) => c.mediaType.startsWith("text/event-stream")));
  const first = ["curl", ...(streams ? ["-N"] : []), ...(method === "GET" ? [] : ["-X", method]), doubleQuoted(exampleUrl(op, options.host))].join(" ");
  const lines = [
    first,
    ...(op.sendsKey ? [`-H "Authorization: Bearer $CODON_API_KEY"`] : []),
    ...(op.requestBody ? bodyLines(op.requestBody.content, options.schemas ?? {}) : []),
  ];
  return lines.join(" \\\n  ");
}
