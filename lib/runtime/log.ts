type Level = "info" | "warn" | "error";
type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

function format(level: Level, scope: string, message: string, fields?: Fields): string {
  const extra = fields
    ? Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === "string" && /\s/.test(v) ? JSON.stringify(v) : String(v)}`)
        .join(" ")
    : "";
  return `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${message}${extra ? ` ${extra}` : ""}`;
}

/** One line per event, greppable by scope and key=value fields. */
export function createLogger(scope: string): Logger {
  return {
    info: (message, fields) => console.log(format("info", scope, message, fields)),
    warn: (message, fields) => console.warn(format("warn", scope, message, fields)),
    error: (message, fields) => console.error(format("error", scope, message, fields)),
  };
}
