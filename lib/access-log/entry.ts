// What one access-log entry holds (issue 25, ADR 0013). Shared by the server and the Settings page:
// no server-only imports here.

/** Every action the log records; a fixed list, so filters and exports name only these. */
export const ACCESS_ACTIONS = [
  "session.sign_in",
  "session.sign_out",
  "api_key.create",
  "api_key.revoke",
  "price.create",
  "price.delete",
  "alert_rule.create",
  "alert_rule.delete",
  "redaction.update",
  "retention.update",
  "ledger.export",
  "access_log.export",
  "session.switch_tenant",
  "user.locked",
  "member.invite",
  "member.join",
  "member.role_change",
  "member.remove",
  "invitation.revoke",
  "viewer_content.update",
  "content.read",
  "member.add",
  "user.create",
  "user.password_reset",
  "user.disable",
  "request.denied",
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export const ACCESS_OUTCOMES = ["ok", "denied", "failed"] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/** `cli`: `npm run apikey` or `npm run user` on the server; the label names the command. */
export const ACTOR_KINDS = ["key", "session", "user", "cli", "anonymous"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Flat and small: never secrets, never run inputs or outputs. */
export type AccessDetails = { [key: string]: string | number | boolean | null };

/** One entry as the API and the Settings page show it. */
export interface AccessLogEntry {
  /** The entry's place in its tenant's chain, from 1: also its id. */
  seq: number;
  /** ISO 8601, millisecond precision. */
  occurredAt: string;
  actor: {
    kind: ActorKind;
    /** The API key acted with (directly or through a session), or for `user` the user's id; null for anonymous. */
    keyId: string | null;
    /** The key's public prefix (`cok_ab12cd`), a user's email, `setup-token`, the command (`npm run user (root)`), or null. */
    label: string | null;
  };
  action: AccessAction;
  target: { kind: string | null; id: string | null };
  outcome: AccessOutcome;
  clientIp: string | null;
  userAgent: string | null;
  details: AccessDetails;
}

/** GET /api/v1/access-log: newest first. */
export interface AccessLogPage {
  entries: AccessLogEntry[];
  nextCursor: string | null;
}
