import type { AccessLogEntry } from "@/lib/access-log/entry";

// Exports of the access log as files: CSV for spreadsheets, JSON Lines for scripts.

export const CSV_COLUMNS = ["seq", "occurred_at", "actor_kind", "actor_key_id", "actor_label", "action", "target_kind", "target_id", "outcome", "client_ip", "user_agent", "details"] as const;

/** A CSV field, quoted when needed; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(entries: readonly AccessLogEntry[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const e of entries) {
    const fields = [e.seq, e.occurredAt, e.actor.kind, e.actor.keyId, e.actor.label, e.action, e.target.kind, e.target.id, e.outcome, e.clientIp, e.userAgent, JSON.stringify(e.details)];
    lines.push(fields.map(csvField).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

export const toJsonLines = (entries: readonly AccessLogEntry[]): string => entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
