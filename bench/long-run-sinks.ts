/**
 * Where `bench:long-run` writes its batches: straight through the collector's writeBatch
 * ("store"), or as OTLP/HTTP protobuf exports to the collector in its own process ("http",
 * spool off, so a 200 means the batch is committed). Each backend gets a fresh database.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { decodeTraceRequestProtobuf } from "@/collector/decode";
import { normalizeTraces } from "@/collector/normalize";
import { writeBatch } from "@/collector/store/write-batch";
import { openPglite, openPostgres, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";

export type Backend = "postgres" | "pglite";

export interface Sink {
  /** Stores one export; milliseconds of the timed part (writeBatch, or the HTTP round trip). */
  write(payload: Buffer): Promise<number>;
  /** Exports answered 429/503 and sent again (http only). */
  retries: number;
  /** Stops writing and opens the stored database for measuring (the PGlite folder, if any, is `folder`). */
  finish(): Promise<{ database: Database; folder: string | null }>;
  cleanup(): Promise<void>;
}

interface Place {
  /** What the collector process needs in its environment to use this database. */
  env: Record<string, string>;
  open(): Promise<Database>;
  folder: string | null;
  cleanup(): Promise<void>;
}

function place(backend: Backend, adminUrl: string): Place {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "codon-bench-long-run-"));
  const removeRoot = () => fs.rmSync(root, { recursive: true, force: true });
  if (backend === "pglite") {
    const dataDir = path.join(root, "data");
    return { env: { DATA_DIR: dataDir, DATABASE_URL: "" }, open: () => openPglite(dataDir), folder: path.join(dataDir, "pglite"), cleanup: async () => removeRoot() };
  }
  const name = `codon_bench_long_run_${process.pid}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  return {
    env: { DATABASE_URL: url, SPOOL_DIR: path.join(root, "spool") },
    open: () => openPostgres(url, { maxConnections: 2 }),
    folder: null,
    async cleanup() {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      removeRoot();
    },
  };
}

export async function storeSink(backend: Backend, adminUrl: string): Promise<Sink> {
  const target = place(backend, adminUrl);
  const database = await target.open();
  await migrateToLatest(database.kysely);
  return {
    retries: 0,
    async write(payload) {
      const { spans, auditEvents, graphs, nodeSpecs } = normalizeTraces(decodeTraceRequestProtobuf(payload), "default");
      const started = performance.now();
      await writeBatch(database.kysely, { spans, auditEvents, graphs, nodeSpecs }, 0n);
      return performance.now() - started;
    },
    finish: async () => ({ database, folder: target.folder }),
    async cleanup() {
      await database.close();
      await target.cleanup();
    },
  };
}

type Message = { ready?: boolean; httpPort?: number; peakRssBytes?: number };

export async function httpSink(backend: Backend, adminUrl: string): Promise<Sink> {
  const target = place(backend, adminUrl);
  const child = fork(path.join(import.meta.dirname, "collector-process.ts"), {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...target.env, SPOOL_MAX_BYTES: "0", HOST: "127.0.0.1", OTLP_GRPC_PORT: "0", OTLP_HTTP_PORT: "0", OTLP_MAX_BODY_BYTES: String(64 << 20) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const next = () =>
    new Promise<Message>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`collector exited with ${code}`));
      child.once("exit", exited);
      child.once("message", (m) => {
        child.off("exit", exited);
        resolve(m as Message);
      });
    });
  const { httpPort } = await next();
  const url = `http://127.0.0.1:${httpPort}/v1/traces`;
  let database: Database | null = null;
  const sink: Sink = {
    retries: 0,
    async write(payload) {
      const body = new Uint8Array(payload);
      const started = performance.now();
      for (;;) {
        const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
        const answer = await response.arrayBuffer();
        if (response.ok) return performance.now() - started;
        if (response.status !== 429 && response.status !== 503) throw new Error(`export refused: HTTP ${response.status}, ${Buffer.from(answer).toString("utf8").slice(0, 200)}`);
        sink.retries++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async finish() {
      child.send({ stop: true });
      await next();
      database = await target.open();
      return { database, folder: target.folder };
    },
    async cleanup() {
      if (child.exitCode === null) child.kill();
      await database?.close();
      await target.cleanup();
    },
  };
  return sink;
}
