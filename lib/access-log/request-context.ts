import "server-only";
import type { Principal } from "@/lib/auth/authenticator";
import { requestCredential } from "@/lib/auth/request-key";
import { clientAddress } from "@/lib/http/client-info";
import type { AccessActor } from "@/lib/access-log/append";

/** Who acted and from where, as an entry records it: never the key or session id itself. */
export interface AccessRequestContext {
  actor: AccessActor;
  clientIp: string | null;
  userAgent: string | null;
}

/** The principal's key (through a header or a session cookie), the edge's client address and the user agent. */
export function accessContextOf(request: Request, principal: Principal | null): AccessRequestContext {
  const credential = requestCredential(request).kind;
  const keyId = principal?.keyId ?? null;
  const kind = keyId === null ? "anonymous" : credential === "session" ? "session" : "key";
  const address = clientAddress(request);
  return {
    actor: { kind, keyId, ...(keyId === null ? { label: null } : {}) },
    clientIp: address === "unknown" ? null : address,
    userAgent: request.headers.get("user-agent"),
  };
}
