import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_PORT_OFFSET } from "@/e2e/ports";
import { spawnServer, waitForHealthy, type ServerProcess } from "@/e2e/server-process";

// Regression tests of the attacks the security review demonstrated: a page on another origin,
// open in the operator's browser, must not create a key, a price, a ledger event or a session,
// whether the server is open (no key yet) or the browser is signed in. The attacker's page is
// served from a port of its own, reached as `localhost` (another site) and as `127.0.0.1` (the
// same site, another origin: SameSite cookies go along, so only the server's checks stop it).

const PORTS = { web: 3260 + E2E_PORT_OFFSET, grpc: 14367 + E2E_PORT_OFFSET, http: 14368 + E2E_PORT_OFFSET, attacker: 3261 + E2E_PORT_OFFSET };
const TARGET = `http://127.0.0.1:${PORTS.web}`;
const ATTACKERS = [`http://localhost:${PORTS.attacker}`, `http://127.0.0.1:${PORTS.attacker}`];
const RUN_ID = "csrf-target-run";
const LEDGER = [{ event_type: "node_failed", timestamp: "2026-01-01T00:00:00Z", token_id: "t1", source_node: "a", target_node: "b", metadata: { note: "x=" } }];

test.describe.configure({ mode: "serial", timeout: 180_000 });

let dataDir: string;
let server: ServerProcess;
let attacker: http.Server;
let adminKey: string;

/** The API as a script on the server's machine calls it (no Origin: not a browser). */
async function api(pathname: string, init: { method?: string; key?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${TARGET}${pathname}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

const refusals = () => server.output().split("\n").filter((line) => line.includes("cross-site request refused")).length;

/** What a hostile page can send without the server's consent: `no-cors` fetches and `text/plain` forms, cookies included. */
async function attack(page: Page, origin: string, requests: { path: string; body: string; form?: boolean }[]): Promise<void> {
  await page.goto(`${origin}/`);
  await expect(page.getByText("attacker")).toBeVisible();
  await page.evaluate(
    async ({ target, requests }) => {
      for (const request of requests) {
        // Sent, and refused by the server; the browser then withholds even the opaque answer
        // (Cross-Origin-Resource-Policy: same-origin), which fails the fetch.
        await fetch(`${target}${request.path}`, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: request.body }).catch(
          () => null,
        );
        // The same body as application/json needs the server's CORS consent first, which it never gives.
        await fetch(`${target}${request.path}`, { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body: request.body }).catch(() => null);
      }
    },
    { target: TARGET, requests },
  );
  for (const request of requests.filter((r) => r.form)) {
    // A text/plain form: `name=value` with the `=` hidden inside a JSON string. It navigates the
    // page to the server's answer, which shows what the server said.
    const at = request.body.indexOf("=");
    const [name, value] = [request.body.slice(0, at), request.body.slice(at + 1)];
    await page.goto(`${origin}/`);
    await page.evaluate(
      ({ action, name, value }) => {
        const form = document.createElement("form");
        Object.assign(form, { method: "POST", action, enctype: "text/plain" });
        const input = Object.assign(document.createElement("input"), { type: "hidden", name, value });
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      { action: `${TARGET}${request.path}`, name, value },
    );
    await page.waitForURL(`${TARGET}${request.path}`);
    await expect(page.locator("body")).toContainText("cross_site_request");
  }
}

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-cross-site-"));
  attacker = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end("<!doctype html><title>attacker</title><body><p>attacker</p></body>");
  });
  await new Promise<void>((resolve) => attacker.listen(PORTS.attacker, "127.0.0.1", resolve));
  // HOST unset and no key: an open server on loopback, the default the review attacked.
  server = spawnServer({ PORT: String(PORTS.web), OTLP_GRPC_PORT: String(PORTS.grpc), OTLP_HTTP_PORT: String(PORTS.http), DATA_DIR: dataDir });
  await waitForHealthy(server, PORTS.web);
});

test.afterAll(async () => {
  await server?.stop("SIGINT");
  await new Promise<void>((resolve) => attacker?.close(() => resolve()));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("on an open server, another origin's page creates no key, no price and no ledger event", async ({ page }) => {
  const before = refusals();
  for (const origin of ATTACKERS) {
    await attack(page, origin, [
      { path: "/api/v1/api-keys", body: JSON.stringify({ name: "pwned=" }), form: true },
      { path: "/api/v1/prices", body: JSON.stringify({ model: "gpt-4o", effectiveFrom: "2026-01-01", inputUsdPerMtok: 0, outputUsdPerMtok: 0, provider: "x=" }), form: true },
      { path: `/api/v1/runs/${RUN_ID}/ledger`, body: JSON.stringify(LEDGER), form: true },
    ]);
  }
  // The server refused each no-cors fetch and form itself (the CORS-checked ones never left the browser).
  expect(refusals() - before).toBe(ATTACKERS.length * 3 * 2);
  expect(await (await api("/api/v1/session")).json()).toMatchObject({ keyMode: "open" });
  expect(((await (await api("/api/v1/prices")).json()) as { overrides: unknown[] }).overrides).toEqual([]);
  // Re-posting entries already stored stores nothing: the same entry, sent now by a script, is new.
  expect(await (await api(`/api/v1/runs/${RUN_ID}/ledger`, { method: "POST", body: LEDGER })).json()).toMatchObject({ stored: 1, rejected: 0 });
  expect((await api("/api/v1/api-keys")).status).toBe(200);
  expect(((await (await api("/api/v1/api-keys")).json()) as { keys: unknown[] }).keys).toEqual([]);
});

test("the dashboard and API refuse a Host they do not know (DNS rebinding)", async () => {
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${TARGET}/api/v1/runs`, { headers: { host: `rebind.attacker.example:${PORTS.web}` } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.end();
  });
  expect(answer.status).toBe(421);
  expect(answer.body).toContain("DNS rebinding");
});

test("the setup token creates the first key over HTTP once; a signed-in browser's cookie does not let another origin write", async ({ page }) => {
  const token = /Setup token: (cst_[A-Za-z0-9_-]+)/.exec(server.output())?.[1];
  expect(token).toBeDefined();
  const created = await api("/api/v1/api-keys", { method: "POST", key: token!, body: { tenantId: "default", name: "operator" } });
  expect(created.status).toBe(201);
  adminKey = ((await created.json()) as { key: string }).key;
  expect((await api("/api/v1/api-keys", { method: "POST", key: token!, body: { name: "again" } })).status).toBe(401);

  // The operator signs in on the dashboard, then visits the attacker's pages.
  await page.goto(`${TARGET}/sign-in`);
  await page.getByLabel("API key").fill(adminKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("session-tenant")).toHaveText("default");

  const before = refusals();
  for (const origin of ATTACKERS) {
    await attack(page, origin, [
      { path: "/api/v1/api-keys", body: JSON.stringify({ name: "pwned", scopes: ["admin"] }) },
      { path: "/api/v1/prices", body: JSON.stringify({ model: "gpt-4o", effectiveFrom: "2026-01-01", inputUsdPerMtok: 0, outputUsdPerMtok: 0 }) },
      { path: "/api/v1/session", body: JSON.stringify({ apiKey: adminKey }) },
    ]);
  }
  expect(refusals() - before).toBe(ATTACKERS.length * 3);
  expect(((await (await api("/api/v1/prices", { key: adminKey })).json()) as { overrides: unknown[] }).overrides).toEqual([]);
  const keys = ((await (await api("/api/v1/api-keys", { key: adminKey })).json()) as { keys: { name: string }[] }).keys;
  expect(keys.map((key) => key.name)).toEqual(["operator"]);
  // Still the operator's own session, and the dashboard's own writes still work.
  await page.goto(`${TARGET}/settings/prices`);
  await expect(page.getByTestId("session-tenant")).toHaveText("default");
  expect(await page.evaluate(async () => (await fetch("/api/v1/session", { method: "DELETE" })).status)).toBe(204);
});

test("another origin's page cannot sign a browser in (login CSRF)", async ({ page, context }) => {
  const reader = await api("/api/v1/api-keys", { method: "POST", key: adminKey, body: { name: "attacker's reader", scopes: ["read"] } });
  const attackerKey = ((await reader.json()) as { key: string }).key;
  await context.clearCookies();
  const before = refusals();
  for (const origin of ATTACKERS) await attack(page, origin, [{ path: "/api/v1/session", body: JSON.stringify({ apiKey: attackerKey }) }]);
  expect(refusals() - before).toBe(ATTACKERS.length);
  expect((await context.cookies(TARGET)).filter((cookie) => cookie.name === "codon_session")).toEqual([]);
  await page.goto(`${TARGET}/`);
  await expect(page).toHaveURL(`${TARGET}/sign-in?next=%2F`);
});
