import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import { generateWireSchemas, SCHEMAS_FILE } from "@/lib/openapi/generate-schemas";
import { OPERATIONS } from "@/lib/openapi/operations";

const API_DIR = path.join(process.cwd(), "app/api");

/** Every route handler on disk as `METHOD /path`, from the app router's folder names. */
function routesOnDisk(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = `/api/${path.relative(API_DIR, dir)}`.replace(/\[([^\]]+)\]/g, "{$1}");
        const source = fs.readFileSync(full, "utf8");
        for (const match of source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${match[1]!} ${route}`);
      }
    }
  };
  walk(API_DIR);
  return found.sort();
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents every route handler the app has, and nothing else", () => {
    const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
    expect(documented).toEqual(routesOnDisk());
  });

  it("has response schemas generated from the current wire types (npm run openapi:schemas)", () => {
    const committed = JSON.parse(fs.readFileSync(SCHEMAS_FILE, "utf8")) as unknown;
    expect(committed).toEqual(generateWireSchemas());
  }, 60_000);

  it("resolves every schema reference", () => {
    const text = JSON.stringify(openApiDocument());
    const schemas = (openApiDocument().components as { schemas: Record<string, unknown> }).schemas;
    const refs = [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((name) => !(name in schemas))).toEqual([]);
  });
});
