// OTel log severities: numbers 1-24 in six levels of four (logs data model, SeverityNumber).

export const SEVERITY_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** The lowest severity number of a level: trace 1, debug 5, info 9, warn 13, error 17, fatal 21. */
export function minSeverityNumber(level: SeverityLevel): number {
  return SEVERITY_LEVELS.indexOf(level) * 4 + 1;
}

/** The level a severity number falls in; null for 0 (unspecified) or out of range. */
export function severityLevel(severityNumber: number): SeverityLevel | null {
  if (!Number.isInteger(severityNumber) || severityNumber < 1 || severityNumber > 24) return null;
  return SEVERITY_LEVELS[Math.floor((severityNumber - 1) / 4)]!;
}

export function isSeverityLevel(value: string): value is SeverityLevel {
  return (SEVERITY_LEVELS as readonly string[]).includes(value);
}
