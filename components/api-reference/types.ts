// What the reference page renders, read out of an OpenAPI 3.1 document by model.ts.

/** A JSON Schema 2020-12 schema: an object, or `true` (anything) / `false` (nothing). */
export type Schema = { [keyword: string]: unknown } | boolean;

export interface ParameterView {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema?: Schema;
  deprecated: boolean;
}

export interface ContentView {
  mediaType: string;
  schema?: Schema;
  /** Server-Sent Events: the schema of each event's `data:` (the `x-event-data` extension). */
  eventData?: Schema;
}

export interface RequestBodyView {
  required: boolean;
  description?: string;
  content: ContentView[];
}

export interface ResponseView {
  status: string;
  description?: string;
  content: ContentView[];
}

export interface OperationView {
  /** The operationId, or `<method>-<path>` when the document gives none. */
  id: string;
  /** The element id of its card: `op-<id>`. */
  anchor: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  parameters: ParameterView[];
  requestBody?: RequestBodyView;
  responses: ResponseView[];
  /** Some security requirement names a scheme: send the key (false for `security: []`). */
  sendsKey: boolean;
  deprecated: boolean;
}

export interface TagGroup {
  name: string;
  description?: string;
  anchor: string;
  operations: OperationView[];
}

export interface SecurityView {
  name: string;
  /** How a request carries it: `Authorization: Bearer <key>`, `x-codon-api-key: <key>`, … */
  usage: string;
  description?: string;
}

export interface ApiReference {
  title: string;
  version?: string;
  description?: string;
  groups: TagGroup[];
  schemas: { name: string; schema: Schema }[];
  security: SecurityView[];
  /** The document's top-level security accepts requests without credentials (`{}`). */
  authOptional: boolean;
}
