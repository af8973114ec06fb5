import { operationAnchor, tagAnchor, unescapePointer } from "@/components/api-reference/anchors";
import type { ApiReference, ContentView, OperationView, ParameterView, RequestBodyView, ResponseView, Schema, SecurityView, TagGroup } from "@/components/api-reference/types";

type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const UNTAGGED = "Other";

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const record = (value: unknown): Json => (isRecord(value) ? value : {});
const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isSchema = (value: unknown): value is Schema => isRecord(value) || typeof value === "boolean";

/** Follows local `$ref`s (`#/components/parameters/x`, …) to the object they name; a dangling one stays as it is. */
export function resolveRef(doc: Json, value: unknown, depth = 0): Json {
  const node = record(value);
  const ref = node.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/") || depth > 16) return node;
  let target: unknown = doc;
  for (const token of ref.slice(2).split("/")) target = record(target)[unescapePointer(token)];
  return isRecord(target) ? resolveRef(doc, target, depth + 1) : node;
}

function parameters(doc: Json, pathItem: Json, operation: Json): ParameterView[] {
  // Operation-level parameters override path-level ones of the same name and location.
  const byKey = new Map<string, ParameterView>();
  for (const raw of [...list(pathItem.parameters), ...list(operation.parameters)]) {
    const p = resolveRef(doc, raw);
    const name = text(p.name);
    if (!name) continue;
    const location = text(p.in) ?? "query";
    byKey.set(`${location}:${name}`, {
      name,
      in: location,
      required: p.required === true || location === "path",
      description: text(p.description),
      schema: isSchema(p.schema) ? p.schema : undefined,
      deprecated: p.deprecated === true,
    });
  }
  return [...byKey.values()];
}

function content(value: unknown): ContentView[] {
  return Object.entries(record(value)).map(([mediaType, raw]) => {
    const media = record(raw);
    return {
      mediaType,
      ...(isSchema(media.schema) ? { schema: media.schema } : {}),
      ...(isSchema(media["x-event-data"]) ? { eventData: media["x-event-data"] } : {}),
    };
  });
}

function requestBody(doc: Json, value: unknown): RequestBodyView | undefined {
  if (value === undefined) return undefined;
  const body = resolveRef(doc, value);
  return { required: body.required === true, description: text(body.description), content: content(body.content) };
}

function responses(doc: Json, value: unknown): ResponseView[] {
  return Object.entries(record(value)).map(([status, raw]) => {
    const response = resolveRef(doc, raw);
    return { status, description: text(response.description), content: content(response.content) };
  });
}

const namesAScheme = (security: unknown) => list(security).some((requirement) => Object.keys(record(requirement)).length > 0);

function operationView(doc: Json, path: string, method: string, pathItem: Json, op: Json): OperationView {
  const id = text(op.operationId) ?? `${method}-${path}`;
  return {
    id,
    anchor: operationAnchor(id),
    method,
    path,
    summary: text(op.summary),
    description: text(op.description),
    parameters: parameters(doc, pathItem, op),
    requestBody: requestBody(doc, op.requestBody),
    responses: responses(doc, op.responses),
    sendsKey: namesAScheme(op.security ?? doc.security),
    deprecated: op.deprecated === true,
  };
}

/** Operations grouped by their first tag, in the order of the document's `tags`, then of first use. */
function groups(doc: Json): TagGroup[] {
  const byTag = new Map<string, TagGroup>();
  const group = (name: string, description?: string) => {
    const found = byTag.get(name) ?? { name, description, anchor: tagAnchor(name), operations: [] };
    byTag.set(name, found);
    return found;
  };
  for (const tag of list(doc.tags).map(record)) if (text(tag.name)) group(text(tag.name)!, text(tag.description));
  for (const [path, rawItem] of Object.entries(record(doc.paths))) {
    const pathItem = resolveRef(doc, rawItem);
    for (const method of METHODS) {
      if (!isRecord(pathItem[method])) continue;
      const op = pathItem[method];
      group(text(list(op.tags)[0]) ?? UNTAGGED).operations.push(operationView(doc, path, method, pathItem, op));
    }
  }
  return [...byTag.values()].filter((g) => g.operations.length > 0);
}

function securityScheme(name: string, scheme: Json): SecurityView {
  const description = text(scheme.description);
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") return { name, usage: "Authorization: Bearer <key>", description };
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") return { name, usage: "Authorization: Basic <credentials>", description };
  if (scheme.type === "apiKey" && scheme.in === "header") return { name, usage: `${String(scheme.name)}: <key>`, description };
  if (scheme.type === "apiKey" && scheme.in === "query") return { name, usage: `?${String(scheme.name)}=<key>`, description };
  if (scheme.type === "apiKey" && scheme.in === "cookie") return { name, usage: `Cookie: ${String(scheme.name)}=<key>`, description };
  return { name, usage: String(scheme.type ?? "unknown scheme"), description };
}

/** Reads what the page shows out of an OpenAPI 3.1 document, tolerating missing sections. */
export function buildReference(document: unknown): ApiReference {
  const doc = record(document);
  const info = record(doc.info);
  const components = record(doc.components);
  return {
    title: text(info.title) ?? "API reference",
    version: text(info.version),
    description: text(info.description),
    groups: groups(doc),
    schemas: Object.entries(record(components.schemas))
      .filter((entry): entry is [string, Schema] => isSchema(entry[1]))
      .map(([name, schema]) => ({ name, schema })),
    security: Object.entries(record(components.securitySchemes)).map(([name, scheme]) => securityScheme(name, resolveRef(doc, scheme))),
    authOptional: list(doc.security).some((requirement) => Object.keys(record(requirement)).length === 0),
  };
}
