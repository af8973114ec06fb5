// The node spec as data, apart from how it is built (nodespec.ts) and hashed (ids.ts), which both need it.

/** Identity-relevant description of one node: what the nodespec id and the logic id hash. */
export interface NodeSpec {
  readonly id: string;
  readonly specVersion: string;
  readonly orgNamespace: string;
  readonly name: string;
  readonly role: string;
  readonly callableSignature: string;
  /** JSON text, as the Python SDK stores it (e.g. `{"message": "typing.Dict[str, typing.Any]"}`). */
  readonly inputSchema: string;
  readonly outputSchema: string | null;
  readonly modelName: string | null;
  readonly modelVersion: string | null;
}
