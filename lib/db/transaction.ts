import type { Kysely, Transaction } from "kysely";
import type { DB } from "@/lib/db/types";

/** Runs `work` in the caller's transaction when `db` is one, else in a new one: lets a write join a wider unit (an access-log entry with its action). */
export function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DB>);
  return db.transaction().execute(work);
}
