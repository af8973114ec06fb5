// PostgreSQL binds at most 65,534 parameters per statement, and PGlite reads the count as a
// signed 16-bit number: stay under 32,767 whatever the backend.
const MAX_PARAMETERS = 32_000;

/** Splits rows into statements that each bind fewer parameters than either backend allows. */
export function chunks<T extends object>(rows: T[]): T[][] {
  if (rows.length === 0) return [];
  const columns = new Set<string>();
  for (const row of rows.slice(0, 50)) for (const key of Object.keys(row)) columns.add(key);
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(columns.size, 1)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
