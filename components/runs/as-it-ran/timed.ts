/** Runs `fn` under a User Timing measure, so bench:browser can tell folding and layout from rendering. */
export function timed<T>(name: string, fn: () => T): T {
  const start = performance.now();
  const out = fn();
  performance.measure(name, { start });
  return out;
}
