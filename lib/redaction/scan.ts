import type { CompiledRule } from "@/lib/redaction/compile";

export interface Match {
  start: number;
  end: number;
  /** Index of the rule in the compiled list: its order breaks ties. */
  rule: number;
}

/** Custom patterns scan a long value in windows this long (overlapping by WINDOW_OVERLAP), checking the budget between them. */
export const SCAN_WINDOW = 65_536;
const WINDOW_OVERLAP = 1_024;

/** Time custom patterns may take over one export; past it, values still to scan are dropped (redactor.ts). */
export class ScanBudget {
  private spentMs = 0;
  constructor(readonly limitMs: number) {}
  get exhausted(): boolean {
    return this.spentMs >= this.limitMs;
  }
  spend(ms: number): void {
    this.spentMs += ms;
  }
}

function collect(text: string, rule: CompiledRule, index: number, from: number, to: number, into: Match[]): void {
  const pattern = rule.pattern;
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  pattern.lastIndex = 0;
  for (let found = pattern.exec(window); found !== null; found = pattern.exec(window)) {
    const value = found[0];
    // Empty matches are refused at save time; this only keeps a loop from standing still.
    if (value.length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (rule.accept && !rule.accept(value)) continue;
    into.push({ start: from + found.index, end: from + found.index + value.length, rule: index });
  }
}

function collectCustom(text: string, rule: CompiledRule, index: number, budget: ScanBudget, into: Match[]): boolean {
  for (let from = 0; from < text.length; from += SCAN_WINDOW - WINDOW_OVERLAP) {
    if (budget.exhausted) return false;
    const started = performance.now();
    collect(text, rule, index, from, Math.min(text.length, from + SCAN_WINDOW), into);
    budget.spend(performance.now() - started);
    if (from + SCAN_WINDOW >= text.length) break;
  }
  return true;
}

/**
 * Every rule's matches in `text`, overlaps resolved (the earliest start wins, then the longest,
 * then the earlier rule), in order. All rules scan the original text in one pass each, so a
 * marker one rule writes is never matched by another. Null when the budget ran out.
 */
export function findMatches(text: string, rules: readonly CompiledRule[], budget: ScanBudget): Match[] | null {
  const found: Match[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.needs !== undefined && !text.includes(rule.needs)) continue;
    if (!rule.custom) collect(text, rule, i, 0, text.length, found);
    else if (!collectCustom(text, rule, i, budget, found)) return null;
  }
  if (found.length <= 1) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.rule - b.rule);
  const kept: Match[] = [];
  let end = -1;
  for (const match of found) {
    if (match.start < end) continue;
    kept.push(match);
    end = match.end;
  }
  return kept;
}
