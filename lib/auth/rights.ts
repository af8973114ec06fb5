import type { Scope } from "@/lib/auth/scopes";
import { roleMayGiveFeedback, type Role } from "@/lib/users/roles";

// Pure and free of server-only imports: the API checks it per request, and pages pass its answer
// to client components so they draw no control the server would refuse (issue 25).

/** Who acts: a request's Principal or a page's AuthState (`user` absent or null for keys and open use). */
export interface Actor {
  scopes: readonly Scope[];
  user?: { role: Role; seesContent: boolean } | null;
}

/** What an actor may do beyond reading, as the dashboard needs to know it. */
export interface Rights {
  /** Give and delete feedback and scores: everyone with `read` but a viewer (keys included). */
  feedback: boolean;
  /** Change settings: prices, retention, redaction, alert rules, members (the `admin` scope). */
  admin: boolean;
  /** See inputs, outputs and log bodies as such: all but a viewer of a tenant that hides them (ADR 0014). */
  content: boolean;
}

export function rightsOf(actor: Actor): Rights {
  const user = actor.user ?? null;
  return {
    feedback: user === null || roleMayGiveFeedback(user.role),
    admin: actor.scopes.includes("admin"),
    content: user === null || user.seesContent,
  };
}
