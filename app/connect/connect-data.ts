import { apiKeyStatus, type ApiKeyStatus } from "@/lib/queries/api-key-status";
import { listRuns } from "@/lib/queries/run-list";
import type { RunPage } from "@/lib/runs/types";
import { requireDb } from "@/lib/runtime/registry";
import { DEFAULT_TENANT_ID } from "@/lib/tenancy";

export type ConnectData =
  | { ok: true; apiKeys: ApiKeyStatus; latestRun: RunPage }
  | { ok: false; message: string };

/** What the Connect page reads on the server: the key policy, and whether a run exists yet. */
export async function loadConnectData(): Promise<ConnectData> {
  try {
    const db = requireDb();
    const [apiKeys, latestRun] = await Promise.all([
      apiKeyStatus(db),
      listRuns(db, DEFAULT_TENANT_ID, { filters: {}, limit: 1, cursor: null }),
    ]);
    return { ok: true, apiKeys, latestRun };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "The database could not be read." };
  }
}
