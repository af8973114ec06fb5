import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-static";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API (readable without a key). */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
