import "server-only";
import type { RefusedCaller } from "@/lib/auth/errors";
import { requestCredential } from "@/lib/auth/request-key";
import { clientAddress } from "@/lib/http/client-info";
import type { AccessActor } from "@/lib/access-log/append";

/** Who acted and from where, as an entry records it: never the key or session id itself. */
export interface AccessRequestContext {
  actor: AccessActor;
  clientIp: string | null;
  userAgent: string | null;
}

/** The principal's user or key (through a header or a session cookie), the edge's client address and the user agent. */
export function accessContextOf(request: Request, principal: Pick<RefusedCaller, "keyId" | "user"> | null): AccessRequestContext {
  const address = clientAddress(request);
  return {
    actor: actorOf(request, principal),
    clientIp: address === "unknown" ? null : address,
    userAgent: request.headers.get("user-agent"),
  };
}

/** A person by user id and email; a key by id (its prefix looked up on append); else anonymous. */
function actorOf(request: Request, principal: Pick<RefusedCaller, "keyId" | "user"> | null): AccessActor {
  if (principal?.user) return { kind: "user", keyId: principal.user.id, label: principal.user.email };
  const keyId = principal?.keyId ?? null;
  if (keyId === null) return { kind: "anonymous", keyId: null, label: null };
  return { kind: requestCredential(request).kind === "session" ? "session" : "key", keyId };
}
