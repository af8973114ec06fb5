/**
 * Exact sums of numeric(20, 10) values (costs in USD) in JavaScript: as integers of 1e-10 USD.
 * Every cost the roll-ups add was read back from a numeric(20, 10) column, so it has at most ten
 * decimals and the sum equals what the database's own sum() gives.
 */
const SCALE = 10;
const UNIT = 10n ** BigInt(SCALE);

/** A numeric(20, 10) read as a decimal string (or null: 0) in units of 1e-10. */
export function toUnits(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  const text = String(value).trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole, fraction = ""] = match;
  const digits = BigInt((whole || "0") + fraction.padEnd(SCALE, "0").slice(0, SCALE));
  return sign === "-" ? -digits : digits;
}

/** Units of 1e-10 back as a decimal string with ten places, as numeric(20, 10) prints it. */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const text = `${magnitude / UNIT}.${(magnitude % UNIT).toString().padStart(SCALE, "0")}`;
  return negative ? `-${text}` : text;
}
