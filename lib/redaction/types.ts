/** The built-in detectors, in the order Settings lists them. */
export const DETECTOR_IDS = ["email", "phone", "card", "iban", "secret", "bearer", "ipv4", "ipv6"] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

/** mask: the match becomes a marker; hash: a keyed digest (equal values stay equal); drop: the whole value becomes a marker. */
export const REDACTION_ACTIONS = ["mask", "hash", "drop"] as const;
export type RedactionAction = (typeof REDACTION_ACTIONS)[number];

export type RedactionRule =
  | { kind: "detector"; detector: DetectorId; action: RedactionAction }
  | { kind: "pattern"; name: string; pattern: string; action: RedactionAction };

/** GET /api/v1/settings/redaction: the tenant's rules, applied in order to what it sends before anything is stored. */
export interface RedactionSettings {
  rules: RedactionRule[];
  updatedAt: string | null;
}

/** What redacting one text did. */
export interface RedactedText {
  text: string;
  /** Matches replaced (a dropped value counts its matches). */
  count: number;
}
