import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { operationAnchor, schemaAnchor, schemaRefName } from "@/components/api-reference/anchors";
import { E2E_PORTS } from "@/e2e/ports";

// The page renders whatever the served document holds, so the checks read that document first.
interface MediaType {
  schema?: { $ref?: string };
}
interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
interface OpenApi {
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

async function servedDocument(request: APIRequestContext): Promise<OpenApi> {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  return (await response.json()) as OpenApi;
}

const operations = (doc: OpenApi) =>
  Object.values(doc.paths).flatMap((item) => Object.entries(item).filter(([method]) => METHODS.has(method)).map(([, op]) => op));

const attributes = (page: Page, testId: string, name: string) =>
  page.getByTestId(testId).evaluateAll((elements, attr) => elements.map((e) => e.getAttribute(attr) ?? ""), name);

test.beforeAll(() => {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
});

test("the API reference shows every operation and schema of the served document", async ({ page }) => {
  const doc = await servedDocument(page.request);
  const operationIds = operations(doc).map((op) => op.operationId ?? "");
  expect(operationIds.length).toBeGreaterThan(0);

  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto("/api-reference");
  await expect(page).toHaveTitle(/API reference/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(doc.info.title);
  expect((await attributes(page, "api-operation", "data-operation-id")).sort()).toEqual([...operationIds].sort());
  expect((await attributes(page, "api-schema", "data-schema")).sort()).toEqual(Object.keys(doc.components?.schemas ?? {}).sort());
  await expect(page.getByRole("link", { name: "Download the OpenAPI document" })).toHaveAttribute("href", "/api/v1/openapi.json");
  // Each operation's curl example calls the host the page was opened on.
  await expect(page.getByTestId("api-curl").first()).toContainText(`http://127.0.0.1:${E2E_PORTS.web}/`);
  await page.screenshot({ path: "e2e/artifacts/api-reference.png" });
});

test("a contents link jumps to its operation, a response's schema link to the schema", async ({ page }) => {
  const doc = await servedDocument(page.request);
  // The last operation: far down the page, so following the link has to scroll.
  const last = operations(doc).at(-1)?.operationId;
  if (!last) throw new Error("the document has no operation");
  await page.goto("/api-reference");

  // By keyboard: a real link, followed with Enter.
  const tocLink = page.getByTestId("api-toc").locator(`a[href="#${operationAnchor(last)}"]`);
  await tocLink.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => new URL(page.url()).hash).toBe(`#${operationAnchor(last)}`);
  await expect(page.locator(`[data-testid="api-operation"][data-operation-id="${last}"]`)).toBeInViewport();

  // The first operation answering with a component schema.
  const withRef = operations(doc)
    .flatMap((op) => Object.values(op.responses ?? {}).flatMap((r) => Object.values(r.content ?? {}).map((m) => ({ op, name: schemaRefName(m.schema?.$ref ?? "") }))))
    .find((hit) => hit.name !== undefined);
  if (!withRef?.name || !withRef.op.operationId) throw new Error("no response refers to a component schema");
  const card = page.locator(`[data-testid="api-operation"][data-operation-id="${withRef.op.operationId}"]`);
  await card.getByTestId("api-responses").locator(`a[href="#${schemaAnchor(withRef.name)}"]`).first().click();
  await expect.poll(() => new URL(page.url()).hash).toBe(`#${schemaAnchor(withRef.name)}`);
  const schema = page.locator(`[data-testid="api-schema"][data-schema="${withRef.name}"]`);
  await expect(schema).toBeInViewport();
  await expect(schema.getByRole("heading", { level: 3 })).toContainText(withRef.name);
});
