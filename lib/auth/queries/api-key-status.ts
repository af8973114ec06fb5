import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";

/** What a sender needs to know about keys, as the collector enforces them (collector/auth.ts). */
export interface ApiKeyStatus {
  /** Once any key was created, exports without a valid key are refused, even after every key is revoked. */
  required: boolean;
  /** Keys that still work; 0 while `required` means no export gets in until a new key is created. */
  activeKeys: number;
}

export async function apiKeyStatus(db: Kysely<DB>): Promise<ApiKeyStatus> {
  const row = await db
    .selectFrom("api_keys")
    .select((eb) => [
      eb.fn.countAll<string | number | bigint>().as("total"),
      eb.fn.countAll<string | number | bigint>().filterWhere("revoked_at", "is", null).as("active"),
    ])
    .executeTakeFirstOrThrow();
  return { required: Number(row.total) > 0, activeKeys: Number(row.active) };
}
