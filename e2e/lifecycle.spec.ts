import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { sql } from "kysely";
import postgres from "postgres";
import { openPglite } from "@/lib/db/client";
import { migrations } from "@/migrations";
import { E2E_PORT_OFFSET } from "@/e2e/ports";
import { canConnect, createKeyWithCli, externalAddress, spawnServer, waitForHealthy } from "@/e2e/server-process";

// These start real server processes (no browser), on ports of their own.
const PORTS = { web: 3230 + E2E_PORT_OFFSET, grpc: 14337 + E2E_PORT_OFFSET, http: 14338 + E2E_PORT_OFFSET };
const portEnv = (ports = PORTS) => ({
  HOST: "127.0.0.1",
  PORT: String(ports.web),
  OTLP_GRPC_PORT: String(ports.grpc),
  OTLP_HTTP_PORT: String(ports.http),
});

test.describe.configure({ mode: "serial", timeout: 180_000 });

let dataDir: string;
test.beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-lifecycle-"));
});
test.afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("starts on the embedded database, listens on all three ports, stops within 5 s", async () => {
  const server = spawnServer({ ...portEnv(), DATA_DIR: dataDir });
  try {
    expect(await waitForHealthy(server, PORTS.web)).toMatchObject({ status: "ok", backend: "pglite" });
    expect(await canConnect(PORTS.grpc)).toBe(true);
    expect(await canConnect(PORTS.http)).toBe(true);
    expect(server.output()).toContain(`Dashboard:  http://127.0.0.1:${PORTS.web}`);
    expect(server.output()).toContain(`OTLP gRPC:  http://127.0.0.1:${PORTS.grpc}`);
    expect(server.output()).toContain(`OTLP HTTP:  http://127.0.0.1:${PORTS.http}`);
  } finally {
    const { code, elapsedMs } = await server.stop("SIGINT");
    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(5000);
  }
  expect(await canConnect(PORTS.web)).toBe(false);
  expect(fs.existsSync(path.join(dataDir, "observatory.lock"))).toBe(false);
});

test("a second start on the same DATA_DIR keeps the data and does not migrate again", async () => {
  // Leave a mark in the database while no server owns it.
  const db = await openPglite(dataDir);
  await db.kysely.insertInto("tenants").values({ id: "marker", name: "Written between starts" }).execute();
  await db.close();

  const server = spawnServer({ ...portEnv(), DATA_DIR: dataDir });
  try {
    await waitForHealthy(server, PORTS.web);
    expect(server.output()).toContain("Database schema is up to date");
  } finally {
    expect((await server.stop("SIGTERM")).code).toBe(0);
  }

  const reopened = await openPglite(dataDir);
  const tenants = await reopened.kysely.selectFrom("tenants").select("id").orderBy("id").execute();
  const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(reopened.kysely);
  await reopened.close();
  expect(tenants.map((t) => t.id)).toEqual(["default", "marker"]);
  // Each migration recorded once: the second start applied nothing again.
  expect(applied.rows[0]?.n).toBe(Object.keys(migrations).length);
});

test("refuses to open a DATA_DIR another server owns, with a message that says so", async () => {
  const first = spawnServer({ ...portEnv(), DATA_DIR: dataDir });
  try {
    await waitForHealthy(first, PORTS.web);
    const second = spawnServer({ ...portEnv({ web: 3231, grpc: 14347, http: 14348 }), DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(new RegExp(`in use by process ${first.child.pid}`));
    // The first server is unharmed.
    const health = await fetch(`http://127.0.0.1:${PORTS.web}/api/health`);
    expect(health.status).toBe(200);
  } finally {
    await first.stop();
  }
});

test("runs on PostgreSQL when DATABASE_URL is set, creating the database if needed", async () => {
  const adminUrl = process.env.TEST_DATABASE_URL;
  test.skip(!adminUrl, "TEST_DATABASE_URL is not set: no PostgreSQL server to run against");
  const name = `codon_e2e_${process.pid}_${Date.now()}`;
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const server = spawnServer({ ...portEnv(), DATABASE_URL: url.toString() });
  try {
    expect(await waitForHealthy(server, PORTS.web)).toMatchObject({ status: "ok", backend: "postgres" });
    expect(server.output()).toContain(`PostgreSQL at 127.0.0.1:5432/${name}`);
    expect(server.output()).toContain(`Applied ${Object.keys(migrations).length} migration(s)`);
  } finally {
    const { code, elapsedMs } = await server.stop("SIGINT");
    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(5000);
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
});

test("a port already in use stops the start with a message naming the fix", async () => {
  const net = await import("node:net");
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(PORTS.http, "127.0.0.1", resolve));
  try {
    const server = spawnServer({ ...portEnv(), DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(`Port ${PORTS.http} is already in use`);
    // It released the embedded database on the way out.
    expect(fs.existsSync(path.join(dataDir, "observatory.lock"))).toBe(false);
  } finally {
    blocker.close();
  }
});

test("a fresh server with HOST unset listens on loopback only until a key exists, and says so", async () => {
  const external = externalAddress();
  test.skip(!external, "this machine has no address but loopback to tell the two apart");
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "codon-bind-"));
  const env = { ...portEnv(), HOST: "", DATA_DIR: fresh };
  const ports = [PORTS.web, PORTS.grpc, PORTS.http];
  try {
    const first = spawnServer(env);
    try {
      await waitForHealthy(first, PORTS.web);
      expect(first.output()).toContain("this server listens on 127.0.0.1 only (this machine) and needs no key");
      expect(first.output()).toMatch(/Setup token: cst_[A-Za-z0-9_-]{32}/);
      for (const port of ports) {
        expect(await canConnect(port)).toBe(true);
        expect(await canConnect(port, external!)).toBe(false);
      }
    } finally {
      expect((await first.stop()).code).toBe(0);
    }

    createKeyWithCli(fresh, "acme", "ingest");
    const keyed = spawnServer(env);
    try {
      await waitForHealthy(keyed, PORTS.web);
      expect(keyed.output()).toContain("Listening on every interface");
      expect(keyed.output()).not.toContain("Setup token");
      for (const port of ports) expect(await canConnect(port, external!)).toBe(true);
      // Reached under this machine's address (a default allowed name on every interface), it wants a key.
      const anonymous = await fetch(`http://${external}:${PORTS.web}/api/v1/runs`);
      expect(anonymous.status).toBe(401);
      expect(await (await fetch(`http://${external}:${PORTS.web}/api/health`)).json()).toEqual({ status: "ok" });
    } finally {
      expect((await keyed.stop()).code).toBe(0);
    }
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});

test("beyond loopback with no key it starts locked; the printed setup token makes the first key, once", async () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "codon-locked-"));
  const server = spawnServer({ ...portEnv(), HOST: "0.0.0.0", DATA_DIR: fresh });
  const base = `http://127.0.0.1:${PORTS.web}`;
  try {
    await waitForHealthy(server, PORTS.web);
    expect(server.output()).toContain("HOST=0.0.0.0 listens beyond this machine, so every request and export needs a key");
    const token = /Setup token: (cst_[A-Za-z0-9_-]+)/.exec(server.output())?.[1];
    expect(token).toBeDefined();

    const read = await fetch(`${base}/api/v1/runs`);
    expect(read.status).toBe(401);
    expect(((await read.json()) as { error: { message: string } }).error.message).toMatch(/none exists yet/);
    const exported = await fetch(`http://127.0.0.1:${PORTS.http}/v1/traces`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(exported.status).toBe(401);
    expect((await fetch(`${base}/api/v1/api-keys`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);

    const create = (body: unknown) =>
      fetch(`${base}/api/v1/api-keys`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const created = await create({ tenantId: "acme", name: "operator" });
    expect(created.status).toBe(201);
    const admin = (await created.json()) as { key: string; scopes: string[] };
    expect(admin.scopes).toEqual(["read", "admin"]);
    expect((await create({ tenantId: "mallory" })).status).toBe(401);
    expect((await fetch(`${base}/api/v1/runs`, { headers: { authorization: `Bearer ${admin.key}` } })).status).toBe(200);
  } finally {
    expect((await server.stop()).code).toBe(0);
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});
