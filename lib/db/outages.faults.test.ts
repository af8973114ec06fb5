import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type Database } from "@/lib/db/client";
import { privatePostgresUnavailable, sparePort, startPrivatePostgres, type PrivatePostgres } from "@/lib/db/testing/private-postgres";

// A private PostgreSQL stopped and started ten times under a steady load of transactions (what the
// batcher's writers do): afterwards every connection and every writer must work again. With
// postgres.js alone, a lost socket left transactions hanging for good (lib/db/recovering-postgres.ts).

const unavailable = privatePostgresUnavailable();
if (unavailable) console.warn(`skipping the PostgreSQL outage tests: ${unavailable}`);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));


describe.skipIf(unavailable !== null)("PostgreSQL stopped and started ten times under load", () => {
  let server: PrivatePostgres;
  let database: Database;

  beforeAll(async () => {
    server = startPrivatePostgres(await sparePort());
    database = await openPostgres(server.url("outages"), { maxConnections: 4 });
    await sql`create table if not exists beats (worker int, at timestamptz default now())`.execute(database.kysely);
  });
  afterAll(async () => {
    await database?.close();
    server?.dispose();
  });

  it("leaves every writer and every connection usable", async () => {
    const WRITERS = 4;
    const done = Array.from({ length: WRITERS }, () => 0);
    let failed = 0;
    let stopping = false;
    const writer = async (index: number) => {
      while (!stopping) {
        try {
          await database.kysely.transaction().execute(async (trx) => {
            await sql`insert into beats (worker) values (${index})`.execute(trx);
            await sql`select pg_sleep(0.005)`.execute(trx);
          });
          done[index]!++;
        } catch {
          failed++;
          await sleep(20);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));

    for (let cycle = 0; cycle < 10; cycle++) {
      await sleep(400);
      server.stop(cycle % 2 === 0 ? "immediate" : "fast");
      await sleep(1200);
      server.start();
    }
    expect(failed).toBeGreaterThan(0); // the outages were felt

    // Every writer commits again within a few seconds of the last restart.
    const after = [...done];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && done.some((count, index) => count <= after[index]! + 5)) await sleep(100);
    expect(done.map((count, index) => count - after[index]! > 5)).toEqual(Array.from({ length: WRITERS }, () => true));

    // And they all stop: no transaction is left hanging.
    stopping = true;
    const settled = await Promise.race([Promise.all(writers).then(() => true), sleep(10_000).then(() => false)]);
    expect(settled).toBe(true);

    // The pool serves as many concurrent queries as it has connections, twice over.
    const results = await Promise.all(Array.from({ length: 8 }, () => sql<{ one: number }>`select 1 as one`.execute(database.kysely)));
    expect(results.map((result) => result.rows[0]?.one)).toEqual(Array.from({ length: 8 }, () => 1));
  });
});
