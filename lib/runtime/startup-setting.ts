/**
 * A value server.ts sets once at start from the configuration, read by pages and route handlers.
 * It lives on globalThis, as the server runtime does: Next bundles route handlers into their own
 * module graph, and module state would not reach them.
 */
export function startupSetting<T>(name: string, fallback: T): { set(value: T): void; get(): T } {
  const key = Symbol.for(`codon-observatory.${name}`);
  const holder = globalThis as typeof globalThis & Record<symbol, T | undefined>;
  return {
    set: (value) => {
      holder[key] = value;
    },
    get: () => holder[key] ?? fallback,
  };
}
