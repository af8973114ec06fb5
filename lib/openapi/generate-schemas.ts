import path from "node:path";
import { createGenerator } from "ts-json-schema-generator";
import ts from "typescript";

// Dev-time only (tests and scripts/openapi-schemas.ts): the generator needs the TypeScript
// compiler, which the running server does not load.

export const WIRE_TYPES_FILE = path.join(process.cwd(), "lib/openapi/wire-types.ts");
export const SCHEMAS_FILE = path.join(process.cwd(), "lib/openapi/schemas.generated.json");

export type JsonSchema = Record<string, unknown>;

/** The names wire-types.ts exports, re-exports included. */
export function wireTypeNames(): string[] {
  const program = ts.createProgram([WIRE_TYPES_FILE], { strict: true, noEmit: true });
  const source = program.getSourceFile(WIRE_TYPES_FILE);
  const checker = program.getTypeChecker();
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`Cannot read ${WIRE_TYPES_FILE}`);
  return checker.getExportsOfModule(module).map((symbol) => symbol.getName()).sort();
}

/** Every exported type of wire-types.ts as a JSON Schema, refs pointing at `#/components/schemas/`. */
export function generateWireSchemas(): Record<string, JsonSchema> {
  const generator = createGenerator({
    path: WIRE_TYPES_FILE,
    tsconfig: path.join(process.cwd(), "tsconfig.json"),
    expose: "export",
    topRef: true,
    jsDoc: "extended",
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: true,
  });
  const definitions: Record<string, JsonSchema> = {};
  for (const name of wireTypeNames()) Object.assign(definitions, generator.createSchema(name).definitions ?? {});
  const rewritten = JSON.parse(JSON.stringify(definitions).replaceAll('"#/definitions/', '"#/components/schemas/')) as Record<string, JsonSchema>;
  return Object.fromEntries(Object.keys(rewritten).sort().map((name) => [name, rewritten[name]!]));
}
