import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAccessEntry, type NewAccessEntry } from "@/lib/access-log/append";
import { accessLogCutoff, deleteExpiredAccessLog } from "@/lib/access-log/queries/expire";
import { verifyAccessLog } from "@/lib/access-log/queries/access-log";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { DB } from "@/lib/db/types";

// The access log's storage (ADR 0013): append-only under a trigger, one hash chain per tenant that
// concurrent writers extend without forking it, tampering found by verification, and retention's
// one way to remove old entries.

const DAY = 86_400_000;
const entry = (tenantId: string, extra: Partial<NewAccessEntry> = {}): NewAccessEntry => ({
  tenantId,
  action: "price.create",
  outcome: "ok",
  actor: { kind: "anonymous", keyId: null, label: null },
  target: { kind: "price", id: "7" },
  details: { model: "m" },
  ...extra,
});

describe.each(testBackends())("the access log's storage on $name", (backend) => {
  let handle: TestDatabase;
  const db = (): Kysely<DB> => handle.database.kysely;
  beforeAll(async () => {
    handle = await backend.open();
    await db().insertInto("tenants").values([{ id: "t1", name: "t1" }, { id: "t2", name: "t2" }, { id: "t3", name: "t3" }]).execute();
  });
  afterAll(() => handle?.dispose());

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await appendAccessEntry(db(), entry("t1"));
    await expect(sql`update access_log set outcome = 'denied' where tenant_id = 't1'`.execute(db())).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sql`delete from access_log where tenant_id = 't1'`.execute(db())).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql`truncate access_log`.execute(db())).rejects.toThrow(/append-only: TRUNCATE refused/);
    // The retention setting alone does not open it for recent entries.
    await expect(
      db().transaction().execute(async (trx) => {
        await sql`select set_config('codon.access_log_expiring', 'on', true)`.execute(trx);
        await sql`delete from access_log where tenant_id = 't1'`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    expect(await db().selectFrom("access_log").select("outcome").where("tenant_id", "=", "t1").execute()).toEqual([{ outcome: "ok" }]);
  });

  it("keeps awkward values bounded and hashable: NUL, lone surrogates, an oversized user agent and details", async () => {
    const details: Record<string, string> = {};
    for (let i = 0; i < 30; i++) details[`k${String(i).padStart(2, "0")}`] = "x".repeat(500);
    const written = await appendAccessEntry(db(), entry("t1", { userAgent: `bad\u0000agent\ud800${"u".repeat(1000)}`, clientIp: "::1", details: { ...details, note: "a\u0000b" } }));
    expect(written.userAgent).toHaveLength(256);
    // NUL and the lone surrogate replaced by U+FFFD, as the collector stores them (lib/db/storable-text.ts).
    expect(written.userAgent!.startsWith("bad\ufffdagent\ufffd")).toBe(true);
    expect(Object.keys(written.details).length).toBeLessThanOrEqual(12);
    expect(Buffer.byteLength(JSON.stringify(written.details))).toBeLessThanOrEqual(1500);
    expect(await verifyAccessLog(db(), "t1")).toMatchObject({ status: "intact", checked: 2 });
  });

  it("finds an entry changed behind the trigger's back, and an entry removed", async () => {
    for (let i = 0; i < 4; i++) await appendAccessEntry(db(), entry("t2", { details: { i } }));
    expect(await verifyAccessLog(db(), "t2")).toEqual({ status: "intact", checked: 4, brokenAt: null, message: "4 entries link and hash as stored, from the genesis" });

    await sql`alter table access_log disable trigger access_log_append_only`.execute(db());
    try {
      await sql`update access_log set outcome = 'denied' where tenant_id = 't2' and seq = 3`.execute(db());
      expect(await verifyAccessLog(db(), "t2")).toMatchObject({ status: "broken", brokenAt: 3, message: expect.stringMatching(/does not match its hash/) });
      // Read a page of two, or of one, at a time: the break is found across pages, and reading stops there.
      for (const pageSize of [2, 1]) expect(await verifyAccessLog(db(), "t2", pageSize)).toMatchObject({ status: "broken", brokenAt: 3, checked: 3 });
      await sql`update access_log set outcome = 'ok' where tenant_id = 't2' and seq = 3`.execute(db());
      expect((await verifyAccessLog(db(), "t2")).status).toBe("intact");
      await sql`delete from access_log where tenant_id = 't2' and seq = 2`.execute(db());
      expect(await verifyAccessLog(db(), "t2")).toMatchObject({ status: "broken", brokenAt: 3, message: expect.stringMatching(/entry is missing/) });
    } finally {
      await sql`alter table access_log enable trigger access_log_append_only`.execute(db());
    }
  });

  it("concurrent writers extend one chain: no two entries share a place or a predecessor", async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => appendAccessEntry(db(), entry("t3", { details: { i } }))));
    const rows = await db().selectFrom("access_log").select(["seq", "prev_hash"]).where("tenant_id", "=", "t3").orderBy("seq").execute();
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(rows.map((row) => Buffer.from(row.prev_hash).toString("hex"))).size).toBe(24);
    expect(await verifyAccessLog(db(), "t3")).toMatchObject({ status: "intact", checked: 24 });
  });

  it("retention removes only a prefix of old entries, through its own path; the rest verifies from there", async () => {
    await db().insertInto("tenants").values({ id: "t4", name: "t4" }).execute();
    const now = Date.now();
    for (const age of [500, 400, 380, 100, 1]) await appendAccessEntry(db(), entry("t4", { occurredAt: new Date(now - age * DAY) }));
    // A run retention of 30 days still keeps a year of access log.
    const cutoff = accessLogCutoff(new Date(now - 30 * DAY), now);
    expect(cutoff.getTime()).toBe(now - 365 * DAY);
    const removed = await db().transaction().execute((trx) => deleteExpiredAccessLog(trx, "t4", cutoff, 2));
    expect(removed).toBe(2);
    expect(await db().transaction().execute((trx) => deleteExpiredAccessLog(trx, "t4", cutoff, 100))).toBe(1);
    const left = await db().selectFrom("access_log").select("seq").where("tenant_id", "=", "t4").orderBy("seq").execute();
    expect(left.map((row) => Number(row.seq))).toEqual([4, 5]);
    expect(await verifyAccessLog(db(), "t4")).toMatchObject({ status: "intact", checked: 2, message: expect.stringMatching(/from entry 4/) });
    // The setting is for that transaction only.
    await expect(sql`delete from access_log where tenant_id = 't4'`.execute(db())).rejects.toThrow(/append-only/);
  });
});
