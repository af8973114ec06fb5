import { userInfo } from "node:os";
import type { AccessActor } from "@/lib/access-log/append";

/**
 * The actor of a change made on the server's command line (`npm run apikey`, `npm run user`): no
 * key or session stands behind it, so the label says which command, and the operating-system
 * account that ran it when known.
 */
export function cliActor(command: "apikey" | "user"): AccessActor {
  let account: string | null = null;
  try {
    account = userInfo().username || null;
  } catch {
    // No passwd entry (some containers): the command alone still says it was the command line.
  }
  return { kind: "cli", keyId: null, label: account ? `npm run ${command} (${account})` : `npm run ${command}` };
}
