import type { VerdictSettings } from "@/lib/verdicts/types";

/**
 * 20 finished runs a side: below it the rank test's normal approximation is rough, a p95 is
 * little more than the slowest run, and it takes a shift of about one standard deviation to
 * reach significance. 10%: smaller changes of agent latency or spend rarely matter, and with
 * hundreds of runs they are significant often. α 5% over the whole verdict (Holm).
 */
export const DEFAULT_VERDICT_SETTINGS: VerdictSettings = { minRuns: 20, minEffect: 0.1, alpha: 0.05, confidence: 0.95 };
