import { createHmac } from "node:crypto";
import type { CompiledRule } from "@/lib/redaction/compile";
import { findMatches, type Match, type ScanBudget } from "@/lib/redaction/scan";
import type { RedactedText } from "@/lib/redaction/types";

/** What a value that could not be scanned within the export's budget becomes: fail closed. */
export const UNSCANNED_MARKER = "[DROPPED:unscanned]";

/** Applies one tenant's compiled rules to text; one per export, since it carries the export's budget. */
export class Redactor {
  private readonly hashCache = new Map<string, string>();

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly hashKey: Uint8Array,
    private readonly budget: ScanBudget,
  ) {}

  redact(text: string): RedactedText {
    const matches = findMatches(text, this.rules, this.budget);
    if (matches === null) return { text: UNSCANNED_MARKER, count: 1 };
    if (matches.length === 0) return { text, count: 0 };
    const dropping = matches.find((match) => this.rules[match.rule]!.action === "drop");
    if (dropping) return { text: `[DROPPED:${this.rules[dropping.rule]!.label}]`, count: matches.length };
    let out = "";
    let at = 0;
    for (const match of matches) {
      out += text.slice(at, match.start) + this.replacement(text, match);
      at = match.end;
    }
    return { text: out + text.slice(at), count: matches.length };
  }

  private replacement(text: string, match: Match): string {
    const rule = this.rules[match.rule]!;
    if (rule.action === "mask") return `[REDACTED:${rule.label}]`;
    return `[HASHED:${rule.label}:${this.digest(text.slice(match.start, match.end))}]`;
  }

  /** 64 bits of HMAC-SHA-256: equal values under one tenant's key still match, nothing else can be read back. */
  private digest(value: string): string {
    let digest = this.hashCache.get(value);
    if (digest === undefined) {
      digest = createHmac("sha256", this.hashKey).update(value).digest("hex").slice(0, 16);
      if (this.hashCache.size < 1024) this.hashCache.set(value, digest);
    }
    return digest;
  }
}
