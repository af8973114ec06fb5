/**
 * Holm–Bonferroni adjusted p-values, in the order given: a test is significant at α when its
 * adjusted p is ≤ α, and the chance of any false call among them all stays ≤ α. Stronger than
 * Bonferroni, and valid whatever the tests' dependence (a run's duration and its nodes' are not independent).
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
