import { headers } from "next/headers";
import { ApiReferenceView } from "@/components/api-reference/reference-view";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata = { title: "API reference" };

/** The served OpenAPI document, rendered: whatever operations and schemas it holds. */
export default async function ApiReferencePage() {
  // The curl examples call the host the reader browsed to.
  const host = (await headers()).get("host");
  return <ApiReferenceView document={openApiDocument()} host={host} />;
}
