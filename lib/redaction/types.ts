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

/** One text the preview ran the rules over. */
export interface RedactionPreviewSample {
  /** `text` for given text; `input`, `output` or `status` of a span of the run. */
  source: "text" | "input" | "output" | "status";
  spanId: string | null;
  nodeName: string | null;
  before: string;
  after: string;
  count: number;
}

/** POST /api/v1/settings/redaction/preview: what the rules would change; nothing is stored. */
export interface RedactionPreview {
  samples: RedactionPreviewSample[];
  /** Matches across all samples. */
  total: number;
  /** Texts were cut to this many characters before the rules ran. */
  maxChars: number;
}
