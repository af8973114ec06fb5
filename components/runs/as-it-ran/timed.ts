/** Measures kept per name: the browser's timeline keeps every one, so a long session would grow it without end. */
const KEPT_PER_NAME = 1000;
const recorded = new Map<string, number>();

/** Runs `fn` under a User Timing measure, so bench:browser can tell folding and layout from rendering. */
export function timed<T>(name: string, fn: () => T): T {
  const start = performance.now();
  const out = fn();
  const count = (recorded.get(name) ?? 0) + 1;
  if (count > KEPT_PER_NAME) performance.clearMeasures(name);
  recorded.set(name, count > KEPT_PER_NAME ? 1 : count);
  performance.measure(name, { start });
  return out;
}
