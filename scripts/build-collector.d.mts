/** Bundles `entry` (a path in the repository) into `outfile` (default `.collector/main.mjs`); resolves to the bundle's absolute path. */
export function buildCollector(entry?: string, outfile?: string): Promise<string>;
