import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import { curlCommand, exampleUrl, placeholderBody, safeHost } from "@/components/api-reference/curl";
import { buildReference } from "@/components/api-reference/model";
import type { OperationView } from "@/components/api-reference/types";

const reference = buildReference(openApiDocument());
const schemas = Object.fromEntries(reference.schemas.map((s) => [s.name, s.schema]));
const operation = (id: string): OperationView => {
  const found = reference.groups.flatMap((g) => g.operations).find((op) => op.id === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};
const curl = (id: string, host: string | null = "observatory.local:3000") => curlCommand(operation(id), { host, schemas });

describe("curl examples of the served document", () => {
  it("GETs a path with placeholders and the key", () => {
    expect(curl("getRun")).toBe(`curl "http://observatory.local:3000/api/v1/runs/<runId>" \\\n  -H "Authorization: Bearer $CODON_API_KEY"`);
  });

  it("fills required query parameters only", () => {
    expect(exampleUrl(operation("compareRuns"), "h:1")).toBe("http://h:1/api/v1/runs/compare?a=<a>&b=<b>");
    expect(exampleUrl(operation("listRuns"), "h:1")).toBe("http://h:1/api/v1/runs");
  });

  it("POSTs a placeholder JSON body of the body's shape", () => {
    expect(curl("createPrice")).toBe(
      [
        `curl -X POST "http://observatory.local:3000/api/v1/prices"`,
        `-H "Authorization: Bearer $CODON_API_KEY"`,
        `-H "content-type: application/json"`,
        `-d '{}'`,
      ].join(" \\\n  "),
    );
    // The ledger upload is a JSON array.
    expect(curl("postRunLedger")).toContain(`-d '[]'`);
  });

  it("DELETEs with -X, streams SSE with -N, leaves the key off public operations", () => {
    expect(curl("deletePrice")).toMatch(/^curl -X DELETE "http:\/\/observatory\.local:3000\/api\/v1\/prices\/<id>"/);
    expect(curl("streamRunEvents")).toMatch(/^curl -N "http:\/\/.*\/events"/);
    expect(curl("getHealth")).toBe(`curl "http://observatory.local:3000/api/health"`);
  });
});

describe("curl building", () => {
  const base: OperationView = { id: "x", anchor: "op-x", method: "get", path: "/things/{kind}/{id}", parameters: [], responses: [], sendsKey: false, deprecated: false };

  it("uses a parameter's example, default or first enum value, encoded", () => {
    const op: OperationView = {
      ...base,
      parameters: [
        { name: "kind", in: "path", required: true, schema: { type: "string", enum: ["a b", "c"] }, deprecated: false },
        { name: "id", in: "path", required: true, schema: { type: "string", example: "t-1" }, deprecated: false },
        { name: "view", in: "query", required: true, schema: { type: "string", default: "full" }, deprecated: false },
      ],
    };
    expect(exampleUrl(op, "h")).toBe("http://h/things/a%20b/t-1?view=full");
  });

  it("falls back to localhost for a missing or suspicious host and escapes the URL", () => {
    expect(safeHost(null)).toBe("localhost:3000");
    expect(safeHost("evil$(rm -rf ~)")).toBe("localhost:3000");
    expect(safeHost("[::1]:3000")).toBe("[::1]:3000");
    expect(curlCommand({ ...base, path: "/a/$HOME" }, { host: "h" })).toBe(`curl "http://h/a/\\$HOME"`);
  });

  it("follows refs to decide the placeholder body and sends non-JSON bodies from a file", () => {
    expect(placeholderBody({ $ref: "#/components/schemas/L" }, { L: { type: "array", items: {} } })).toBe("[]");
    expect(placeholderBody({ $ref: "#/components/schemas/Missing" })).toBe("{}");
    const upload: OperationView = { ...base, method: "put", requestBody: { required: true, content: [{ mediaType: "text/csv" }] } };
    expect(curlCommand(upload, { host: "h" })).toContain(`-H "content-type: text/csv" \\\n  --data-binary @body`);
  });
});
