import { authState } from "@/lib/auth/auth-state";
import { apiKeyStatus, type ApiKeyStatus } from "@/lib/auth/queries/api-key-status";
import { listRuns } from "@/lib/runs/queries/run-list";
import type { RunPage } from "@/lib/runs/types";
import { DatabaseUnavailableError, requireDb, serverRuntime } from "@/lib/runtime/registry";

export type ConnectData =
  /** `latestRun` is null when keys are on and nobody is signed in: the page stays open, the runs do not. */
  | { ok: true; apiKeys: ApiKeyStatus; latestRun: RunPage | null }
  | { ok: false; message: string };

/** What the Connect page reads on the server: the key policy, and (for whoever is signed in) whether a run exists yet. */
export async function loadConnectData(sessionKey: string | null): Promise<ConnectData> {
  try {
    const db = requireDb();
    const ingest = serverRuntime().ingest;
    if (!ingest) throw new DatabaseUnavailableError("The collector is starting; reload in a moment");
    const [apiKeys, session] = await Promise.all([apiKeyStatus(db), authState(ingest, sessionKey)]);
    const latestRun = session.tenantId === null ? null : await listRuns(db, session.tenantId, { filters: {}, limit: 1, cursor: null });
    return { ok: true, apiKeys, latestRun };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "The database could not be read." };
  }
}
