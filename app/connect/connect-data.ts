import type { KeyMode } from "@/lib/auth/authenticator";
import { authState } from "@/lib/auth/auth-state";
import { listRuns } from "@/lib/runs/queries/run-list";
import type { RunPage } from "@/lib/runs/types";
import { DatabaseUnavailableError, requireDb, serverRuntime } from "@/lib/runtime/registry";

export type ConnectData =
  /** `latestRun` is null when keys are on and nobody is signed in: the page stays open, the runs do not. */
  | { ok: true; keyMode: KeyMode; latestRun: RunPage | null }
  | { ok: false; message: string };

/**
 * What the Connect page reads on the server: the key mode (never how many keys exist, or whose),
 * and for whoever is signed in with `read` whether a run exists yet.
 */
export async function loadConnectData(sessionToken: string | null): Promise<ConnectData> {
  try {
    const db = requireDb();
    const auth = serverRuntime().auth;
    if (!auth) throw new DatabaseUnavailableError("The collector is starting; reload in a moment");
    const session = await authState(auth, sessionToken);
    const canRead = session.tenantId !== null && session.scopes.includes("read");
    const latestRun = canRead ? await listRuns(db, session.tenantId!, { filters: {}, limit: 1, cursor: null }) : null;
    return { ok: true, keyMode: session.keyMode, latestRun };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "The database could not be read." };
  }
}
