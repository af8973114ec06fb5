import { compileRules } from "@/lib/redaction/compile";
import { Redactor } from "@/lib/redaction/redactor";
import { ScanBudget } from "@/lib/redaction/scan";
import type { RedactionRule } from "@/lib/redaction/types";

export const TEST_HASH_KEY = new Uint8Array(32).fill(7);

/** A redactor over the given rules with a test key and a generous budget. */
export function redactorFor(rules: readonly RedactionRule[], budgetMs = 1_000): Redactor {
  const { compiled, invalid } = compileRules(rules);
  if (invalid.length > 0) throw new Error(invalid.join("; "));
  return new Redactor(compiled, TEST_HASH_KEY, new ScanBudget(budgetMs));
}
