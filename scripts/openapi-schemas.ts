/**
 * `npm run openapi:schemas`: regenerates lib/openapi/schemas.generated.json, the JSON Schemas of
 * the API's bodies, from the TypeScript types in lib/openapi/wire-types.ts. The OpenAPI document
 * serves them; lib/openapi/document.test.ts fails when they are out of date.
 */
import fs from "node:fs";
import { generateWireSchemas, SCHEMAS_FILE } from "@/lib/openapi/generate-schemas";

const text = `${JSON.stringify(generateWireSchemas(), null, 2)}\n`;
const changed = !fs.existsSync(SCHEMAS_FILE) || fs.readFileSync(SCHEMAS_FILE, "utf8") !== text;
fs.writeFileSync(SCHEMAS_FILE, text);
console.log(changed ? `Wrote ${SCHEMAS_FILE}` : `${SCHEMAS_FILE} is up to date`);
