import { compileCustomPattern } from "@/lib/redaction/custom-pattern";
import { DETECTORS } from "@/lib/redaction/detectors";
import type { RedactionAction, RedactionRule } from "@/lib/redaction/types";

/** A rule ready to scan with: its marker label, action and pattern. */
export interface CompiledRule {
  label: string;
  action: RedactionAction;
  pattern: RegExp;
  accept?: (match: string) => boolean;
  needs?: string;
  /** Custom patterns are timed against the export's budget (scan.ts); detectors are linear by construction. */
  custom: boolean;
}

/** The tenant's rules compiled, in order; a stored pattern that no longer compiles is reported, not run. */
export function compileRules(rules: readonly RedactionRule[]): { compiled: CompiledRule[]; invalid: string[] } {
  const compiled: CompiledRule[] = [];
  const invalid: string[] = [];
  for (const rule of rules) {
    if (rule.kind === "detector") {
      const detector = DETECTORS[rule.detector];
      // Each rule gets its own RegExp: lastIndex is state.
      compiled.push({ label: rule.detector, action: rule.action, pattern: new RegExp(detector.pattern.source, "g"), accept: detector.accept, needs: detector.needs, custom: false });
      continue;
    }
    const result = compileCustomPattern(rule.pattern);
    if (result.ok) compiled.push({ label: rule.name, action: rule.action, pattern: result.regex, custom: true });
    else invalid.push(`${rule.name}: ${result.reason}`);
  }
  return { compiled, invalid };
}
